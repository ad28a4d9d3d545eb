import Testing
@testable import Learning

@Suite struct LinearModelTests {
    @Test func ridgeWithoutPenaltyRecoversExactLinearTargets() throws {
        let (x, _) = TestData.regression(rows: 50, seed: 3)
        let y = (0..<50).map { 2 * x[$0, 0] - x[$0, 1] + 3 }
        let m = try RidgeRegression(alpha: 0).fit(x, targets: y)
        let p = try m.predict(x)
        for r in 0..<50 { #expect(abs(p[r] - y[r]) < 1e-9) }
        #expect(abs(m.weights[2]) < 1e-9) // the noise column gets no weight
    }

    @Test func ridgeShrinksByHandComputedFactor() throws {
        // One standardized feature z = (-1, 1): sum z^2 = 2, so w = sum z (y - mean) / (2 + alpha).
        let x = try FeatureMatrix(rows: [[0], [2]])
        let m = try RidgeRegression(alpha: 2).fit(x, targets: [1, 5])
        #expect(abs(m.weights[0] - 4.0 / 4.0) < 1e-12)
        #expect(m.intercept == 3)
        #expect(try m.predict(try FeatureMatrix(rows: [[2]])) == [4])
    }

    @Test func ridgeOneHotEncodesCategoricalColumns() throws {
        let x = try FeatureMatrix(rows: [[0], [1], [2], [0], [1], [2]], categoricalColumns: [0])
        let y: [Double] = [1, 5, 9, 1, 5, 9]
        let m = try RidgeRegression(alpha: 1e-9).fit(x, targets: y)
        #expect(m.encoder.outputCount == 3)
        let p = try m.predict(x)
        for r in 0..<6 { #expect(abs(p[r] - y[r]) < 1e-6) }
    }

    @Test func logisticRegressionSeparatesSectorsAndCalibratesPrior() throws {
        let (x, y) = TestData.classification(rows: 300, classes: 2, seed: 12)
        let labels = try ClassLabels(codes: y.map { Int($0) }, classNames: ["a", "b"])
        let m = try LogisticRegression().fit(x, labels: labels)
        let acc = try ClassificationMetrics.accuracy(truth: labels.codes, predicted: try m.predict(x))
        #expect(acc > 0.95)
        // With a huge penalty only the (unpenalised) intercepts remain: probabilities equal class frequencies.
        var strong = LogisticRegression()
        strong.l2 = 1e6
        let prior = try strong.fit(x, labels: labels).predictProbabilities(x)
        let freq = Double(labels.codes.filter { $0 == 1 }.count) / 300
        #expect(abs(prior[0, 1] - freq) < 1e-3)
        #expect(abs(prior[0, 0] + prior[0, 1] - 1) < 1e-12)
    }

    @Test func multinomialLogisticOnThreeClasses() throws {
        let (x, y) = TestData.classification(rows: 300, classes: 3, seed: 13)
        let labels = try ClassLabels(codes: y.map { Int($0) }, classNames: ["a", "b", "c"])
        let m = try LogisticRegression().fit(x, labels: labels)
        #expect(try ClassificationMetrics.accuracy(truth: labels.codes, predicted: try m.predict(x)) > 0.85)
    }
}

@Suite struct PermutationImportanceTests {
    @Test func unusedFeatureHasZeroImportance() throws {
        let (x, _) = TestData.regression(rows: 100, seed: 4)
        let y = (0..<100).map { 2 * x[$0, 0] }
        let predict: (FeatureMatrix) throws -> [Double] = { m in (0..<m.rowCount).map { 2 * m[$0, 0] } }
        let pi = PermutationImportance(repeats: 3, seed: 8)
        let imp = try pi.compute(x, targets: y, predict: predict, score: RegressionMetrics.r2)
        #expect(imp.map { $0.feature } == ["a", "b", "noise"])
        #expect(imp[1].mean == 0 && imp[2].mean == 0 && imp[1].standardDeviation == 0)
        #expect(imp[0].mean > 1) // shuffling the only used feature makes R^2 negative
        #expect(imp[0].drops.count == 3)
        let again = try pi.compute(x, targets: y, predict: predict, score: RegressionMetrics.r2)
        #expect(again == imp)
    }
}
