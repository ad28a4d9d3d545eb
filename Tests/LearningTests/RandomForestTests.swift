import Testing
@testable import Learning

@Suite struct RandomForestTests {
    @Test func regressionForestFitsAndIsSeeded() throws {
        let (x, y) = TestData.regression(rows: 300, seed: 31)
        let (tx, ty) = TestData.regression(rows: 200, seed: 32)
        var rf = RandomForest(task: .regression)
        rf.treeCount = 20; rf.seed = 3; rf.featuresPerSplit = 2
        let m = try rf.fit(x, targets: y)
        #expect(m.trees.count == 20)
        #expect(try RegressionMetrics.r2(truth: ty, predicted: try m.predict(tx)) > 0.85)
        #expect(try rf.fit(x, targets: y) == m)
        // The prediction is the plain mean of the trees.
        let row = Array(tx.row(3))
        let mean = m.trees.reduce(0) { $0 + $1.predict(row: row) } / 20
        #expect(abs(try m.predict(tx)[3] - mean) < 1e-9)
        // Bootstrap leaves hold weighted means of targets, so they stay within the target range.
        let lo = y.min()!, hi = y.max()!
        #expect(m.trees.allSatisfy { t in (0..<t.nodeCount).allSatisfy { !t.isLeaf($0) || (t.value[$0] >= lo - 1e-9 && t.value[$0] <= hi + 1e-9) } })
        let back = try ModelCoder.decode(RandomForestModel.self, from: ModelCoder.encode(m))
        #expect(try back.predict(tx) == m.predict(tx))
    }

    @Test func binaryForestGivesProbabilities() throws {
        let (x, y) = TestData.classification(rows: 300, classes: 2, seed: 33)
        var rf = RandomForest(task: .binaryClassification)
        rf.treeCount = 15
        let m = try rf.fit(x, targets: y)
        let p = try m.predictProbabilities(x)
        #expect((0..<300).allSatisfy { p[$0, 1] >= 0 && p[$0, 1] <= 1 && abs(p[$0, 0] + p[$0, 1] - 1) < 1e-12 })
        #expect(try ClassificationMetrics.accuracy(truth: y.map { Int($0) }, predicted: try m.predict(x).map { Int($0) }) > 0.95)
        #expect(throws: LearningError.self) { try rf.fit(x, targets: y.map { $0 * 3 }) }
    }

    @Test func multiclassForestLearnsSectorsAndRoundTrips() throws {
        let (x, y) = TestData.classification(rows: 450, classes: 3, seed: 34)
        let (tx, ty) = TestData.classification(rows: 300, classes: 3, seed: 35)
        var rf = RandomForest(task: .classification(classCount: 3))
        rf.treeCount = 15; rf.seed = 2
        let m = try rf.fit(x, targets: y)
        let p = try m.predictProbabilities(tx)
        #expect((0..<300).allSatisfy { r in abs(p.row(r).reduce(0, +) - 1) < 1e-9 })
        let acc = try ClassificationMetrics.accuracy(truth: ty.map { Int($0) }, predicted: try m.predict(tx).map { Int($0) })
        #expect(acc > 0.85)
        #expect(try rf.fit(x, targets: y) == m)
        // One distribution slot per node (internal nodes have empty ones).
        let leafDist = m.distributions[0]
        #expect(leafDist.nodeCount == m.trees[0].nodeCount)
        let back = try ModelCoder.decode(RandomForestModel.self, from: ModelCoder.encode(m))
        #expect(back == m)
        #expect(try back.predictProbabilities(tx) == p)
        #expect(throws: LearningError.self) { try TreeSHAP().explain(m, tx) }
        #expect(throws: LearningError.self) { try rf.fit(x, targets: y.map { $0 + 5 }) }
    }
}
