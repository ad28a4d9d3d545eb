import Testing
@testable import Learning

@Suite struct BoostedTreesTests {
    @Test func regressionFitsAndPredictionsMatchTreeSums() throws {
        let (x, y) = TestData.regression(rows: 400, seed: 1)
        var cfg = BoostedTrees(objective: .squaredError)
        cfg.rounds = 60; cfg.maxLeaves = 8; cfg.minRowsPerLeaf = 5
        let model = try cfg.fit(x, targets: y)
        let p = try model.predict(x)
        #expect(try RegressionMetrics.r2(truth: y, predicted: p) > 0.95)
        // Raw prediction = prior + sum of the leaf values reached, tree by tree.
        let row = Array(x.row(7))
        let manual = model.initialScores[0] + model.trees.reduce(0) { $0 + $1.predict(row: row) }
        #expect(abs(manual - p[7]) < 1e-9)
        // The noise feature matters least.
        let gain = model.featureImportance(.gain)
        #expect(gain[2] < gain[0] && gain[2] < gain[1])
        #expect(model.featureImportance(.splitCount).reduce(0, +) == Double(model.trees.reduce(0) { $0 + $1.nodeCount - $1.leafCount }))
    }

    @Test func binaryLogisticSeparatesClasses() throws {
        let (x, y3) = TestData.classification(rows: 300, classes: 2, seed: 2)
        var cfg = BoostedTrees(objective: .binaryLogistic)
        cfg.rounds = 30; cfg.maxLeaves = 4; cfg.minRowsPerLeaf = 5
        let model = try cfg.fit(x, targets: y3)
        let acc = try ClassificationMetrics.accuracy(truth: y3.map { Int($0) }, predicted: try model.predictClasses(x))
        #expect(acc > 0.95)
        let proba = try model.predictProbabilities(x)
        #expect(abs(proba[0, 0] + proba[0, 1] - 1) < 1e-12)
    }

    @Test func softmaxLearnsSectorsAndStaysStableWithManyClasses() throws {
        let (x, y) = TestData.classification(rows: 400, classes: 4, seed: 3)
        var cfg = BoostedTrees(objective: .softmax(classCount: 4))
        cfg.rounds = 20; cfg.maxLeaves = 6; cfg.minRowsPerLeaf = 5
        let model = try cfg.fit(x, targets: y)
        #expect(model.trees.count == 20 * 4)
        let acc = try ClassificationMetrics.accuracy(truth: y.map { Int($0) }, predicted: try model.predictClasses(x))
        #expect(acc > 0.9)
        // 40 classes with 5 rows each and an aggressive learning rate: the capped Newton step keeps it finite and useful.
        let (xm, ym) = TestData.classification(rows: 200, classes: 40, seed: 4)
        var many = BoostedTrees(objective: .softmax(classCount: 40))
        many.rounds = 5; many.learningRate = 1; many.maxLeaves = 4; many.minRowsPerLeaf = 1
        let mm = try many.fit(xm, targets: ym)
        let proba = try mm.predictProbabilities(xm)
        #expect(proba.values.allSatisfy { $0.isFinite })
        let accMany = try ClassificationMetrics.accuracy(truth: ym.map { Int($0) }, predicted: proba.argmaxPerRow())
        #expect(accMany > 0.3)
    }

    @Test func subsamplingIsSeededAndReproducible() throws {
        let (x, y) = TestData.regression(rows: 200, seed: 5)
        var cfg = BoostedTrees(objective: .squaredError)
        cfg.rounds = 5; cfg.rowSubsample = 0.5; cfg.featureSubsample = 0.67; cfg.seed = 9; cfg.minRowsPerLeaf = 3
        let a = try cfg.fit(x, targets: y), b = try cfg.fit(x, targets: y)
        #expect(a == b)
        cfg.seed = 10
        #expect(try cfg.fit(x, targets: y) != a)
    }

    @Test func gossSamplingStillLearnsAndIsSeeded() throws {
        let (x, y) = TestData.classification(rows: 600, classes: 3, seed: 14)
        var cfg = BoostedTrees(objective: .softmax(classCount: 3))
        cfg.rounds = 15; cfg.maxLeaves = 6; cfg.minRowsPerLeaf = 3; cfg.gossTopRate = 0.2; cfg.gossOtherRate = 0.1
        let a = try cfg.fit(x, targets: y)
        #expect(try a == cfg.fit(x, targets: y))
        // Trees after the first round see fewer rows than the data holds.
        #expect(a.trees[5 * 3].rowCount[0] < 600)
        let acc = try ClassificationMetrics.accuracy(truth: y.map { Int($0) }, predicted: try a.predictClasses(x))
        #expect(acc > 0.85)
        cfg.gossTopRate = 0.95
        #expect(throws: LearningError.self) { try cfg.fit(x, targets: y) }
    }

    @Test func earlyStoppingKeepsTheBestRounds() throws {
        let (x, y) = TestData.regression(rows: 200, seed: 6)
        let (vx, _) = TestData.regression(rows: 100, seed: 7)
        // Validation targets are pure noise: the loss gets worse after very few rounds.
        var rng = SeededGenerator(seed: 8)
        let vy = (0..<100).map { _ in rng.nextUnit() }
        var cfg = BoostedTrees(objective: .squaredError)
        cfg.rounds = 200; cfg.earlyStoppingRounds = 5; cfg.minRowsPerLeaf = 3
        let model = try cfg.fit(x, targets: y, validation: (vx, vy))
        #expect(model.roundCount < 20)
        #expect(model.roundCount >= 1)
    }

    @Test func missingValuesArePredictable() throws {
        var (x, y) = TestData.regression(rows: 300, seed: 11)
        var v = x.values
        for r in stride(from: 0, to: 300, by: 4) { v[r * 3] = .nan }
        x = try FeatureMatrix(rowCount: 300, columnCount: 3, values: v)
        var cfg = BoostedTrees(objective: .squaredError)
        cfg.rounds = 40; cfg.minRowsPerLeaf = 5
        let model = try cfg.fit(x, targets: y)
        let p = try model.predict(x)
        #expect(p.allSatisfy { $0.isFinite })
        #expect(try RegressionMetrics.r2(truth: y, predicted: p) > 0.8)
    }

    @Test func invalidInputsThrow() throws {
        let (x, y) = TestData.regression(rows: 10, seed: 1)
        #expect(throws: LearningError.self) { try BoostedTrees(objective: .squaredError).fit(x, targets: Array(y.prefix(5))) }
        #expect(throws: LearningError.self) { try BoostedTrees(objective: .binaryLogistic).fit(x, targets: y) }
        let model = try BoostedTrees(objective: .squaredError).fit(x, targets: y)
        let wrong = try FeatureMatrix(rows: [[1, 2]])
        #expect(throws: LearningError.self) { try model.predict(wrong) }
    }
}
