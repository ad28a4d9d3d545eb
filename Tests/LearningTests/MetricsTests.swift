import Testing
@testable import Learning

@Suite struct MetricsTests {
    let truth = [0, 0, 1, 1, 2, 2]
    let predicted = [0, 1, 1, 1, 2, 0]

    @Test func accuracyAndConfusionMatrix() throws {
        #expect(try ClassificationMetrics.accuracy(truth: truth, predicted: predicted) == 4.0 / 6.0)
        let m = try ClassificationMetrics.confusionMatrix(truth: truth, predicted: predicted, classCount: 3)
        #expect(m == [[1, 1, 0], [0, 2, 0], [1, 0, 1]])
    }

    @Test func perClassAndMacroScores() throws {
        let r = try ClassificationMetrics.precisionRecallF1(truth: truth, predicted: predicted, classCount: 3)
        // class 0: TP 1 of 2 predicted, 2 true; class 1: TP 2 of 3 predicted; class 2: TP 1 of 1 predicted.
        #expect(abs(r.perClass[0].precision - 0.5) < 1e-12)
        #expect(abs(r.perClass[1].precision - 2.0 / 3.0) < 1e-12)
        #expect(abs(r.perClass[1].recall - 1) < 1e-12)
        #expect(abs(r.perClass[1].f1 - 0.8) < 1e-12)
        #expect(abs(r.perClass[2].f1 - 2.0 / 3.0) < 1e-12)
        #expect(abs(r.macroPrecision - (0.5 + 2.0 / 3.0 + 1) / 3) < 1e-12)
        #expect(abs(r.macroRecall - 2.0 / 3.0) < 1e-12)
        #expect(abs(r.macroF1 - (0.5 + 0.8 + 2.0 / 3.0) / 3) < 1e-12)
    }

    @Test func weightedScoresUseSupport() throws {
        let r = try ClassificationMetrics.precisionRecallF1(truth: [0, 0, 0, 1], predicted: [0, 0, 1, 1], classCount: 2)
        // class 0: P 1, R 2/3, F1 0.8, support 3; class 1: P 0.5, R 1, F1 2/3, support 1.
        #expect(abs(r.weightedPrecision - 0.875) < 1e-12)
        #expect(abs(r.weightedRecall - 0.75) < 1e-12)
        #expect(abs(r.weightedF1 - (0.8 * 3 + 2.0 / 3.0) / 4) < 1e-12)
        #expect(abs(r.macroF1 - (0.8 + 2.0 / 3.0) / 2) < 1e-12)
    }

    @Test func topKAccuracy() throws {
        let s = ScoreMatrix(rowCount: 3, columnCount: 3, values: [
            0.1, 0.7, 0.2,  // truth 2 ranks 2nd
            0.5, 0.3, 0.2,  // truth 0 ranks 1st
            0.6, 0.3, 0.1,  // truth 2 ranks 3rd
        ])
        let t = [2, 0, 2]
        #expect(try ClassificationMetrics.topKAccuracy(truth: t, scores: s, k: 1) == 1.0 / 3.0)
        #expect(try ClassificationMetrics.topKAccuracy(truth: t, scores: s, k: 2) == 2.0 / 3.0)
        #expect(try ClassificationMetrics.topKAccuracy(truth: t, scores: s, k: 3) == 1.0)
    }

    @Test func regressionMetrics() throws {
        let y = [1.0, 2, 3, 4], p = [1.5, 2, 2, 5]
        #expect(abs(try RegressionMetrics.meanAbsoluteError(truth: y, predicted: p) - 0.625) < 1e-12)
        #expect(abs(try RegressionMetrics.meanSquaredError(truth: y, predicted: p) - 0.5625) < 1e-12)
        #expect(abs(try RegressionMetrics.rootMeanSquaredError(truth: y, predicted: p) - 0.75) < 1e-12)
        #expect(abs(try RegressionMetrics.r2(truth: y, predicted: p) - 0.55) < 1e-12)
    }

    @Test func mismatchedLengthsThrow() {
        #expect(throws: LearningError.self) { try ClassificationMetrics.accuracy(truth: [1, 2], predicted: [1]) }
        #expect(throws: LearningError.self) { try RegressionMetrics.r2(truth: [], predicted: []) }
    }
}
