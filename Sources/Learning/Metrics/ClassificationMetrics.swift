/// Per-class precision, recall, F1 and support.
public struct ClassReport: Sendable, Equatable {
    public let precision: Double
    public let recall: Double
    public let f1: Double
    public let support: Int
}

/// Precision/recall/F1 for every class plus macro and support-weighted averages.
public struct PrecisionRecallF1: Sendable, Equatable {
    public let perClass: [ClassReport]
    public let macroPrecision: Double
    public let macroRecall: Double
    public let macroF1: Double
    public let weightedPrecision: Double
    public let weightedRecall: Double
    public let weightedF1: Double
}

/// Classification metrics over integer class codes. Zero divisions count as 0 (scikit-learn's default).
public enum ClassificationMetrics {
    public static func accuracy(truth: [Int], predicted: [Int]) throws -> Double {
        try check(truth.count, predicted.count)
        var hits = 0
        for i in truth.indices where truth[i] == predicted[i] { hits += 1 }
        return Double(hits) / Double(truth.count)
    }

    /// A row counts as a hit when its true class is among the k highest scores.
    /// Ties are broken toward the lower class index, like a stable argsort.
    public static func topKAccuracy(truth: [Int], scores: ScoreMatrix, k: Int) throws -> Double {
        try check(truth.count, scores.rowCount)
        guard k >= 1 else { throw LearningError.invalidArgument("k must be >= 1") }
        var hits = 0
        for r in 0..<scores.rowCount {
            let t = truth[r]
            let st = scores[r, t]
            var better = 0
            for c in 0..<scores.columnCount {
                let s = scores[r, c]
                if s > st || (s == st && c < t) { better += 1 }
            }
            if better < k { hits += 1 }
        }
        return Double(hits) / Double(truth.count)
    }

    /// `matrix[t][p]` counts rows of true class t predicted as p.
    public static func confusionMatrix(truth: [Int], predicted: [Int], classCount: Int) throws -> [[Int]] {
        try check(truth.count, predicted.count)
        var m = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for i in truth.indices {
            guard truth[i] >= 0, truth[i] < classCount, predicted[i] >= 0, predicted[i] < classCount else {
                throw LearningError.invalidArgument("class code out of range 0..<\(classCount) at row \(i)")
            }
            m[truth[i]][predicted[i]] += 1
        }
        return m
    }

    /// Macro averages include every class in 0..<classCount, even those absent from both vectors.
    public static func precisionRecallF1(truth: [Int], predicted: [Int], classCount: Int) throws -> PrecisionRecallF1 {
        let m = try confusionMatrix(truth: truth, predicted: predicted, classCount: classCount)
        var reports = [ClassReport]()
        for c in 0..<classCount {
            let tp = Double(m[c][c])
            var predictedC = 0, support = 0
            for k in 0..<classCount {
                predictedC += m[k][c]
                support += m[c][k]
            }
            let p = predictedC > 0 ? tp / Double(predictedC) : 0
            let r = support > 0 ? tp / Double(support) : 0
            let f = p + r > 0 ? 2 * p * r / (p + r) : 0
            reports.append(ClassReport(precision: p, recall: r, f1: f, support: support))
        }
        let n = Double(classCount)
        let total = Double(truth.count)
        func weighted(_ key: (ClassReport) -> Double) -> Double {
            reports.reduce(0) { $0 + key($1) * Double($1.support) } / total
        }
        return PrecisionRecallF1(
            perClass: reports,
            macroPrecision: reports.reduce(0) { $0 + $1.precision } / n,
            macroRecall: reports.reduce(0) { $0 + $1.recall } / n,
            macroF1: reports.reduce(0) { $0 + $1.f1 } / n,
            weightedPrecision: weighted { $0.precision },
            weightedRecall: weighted { $0.recall },
            weightedF1: weighted { $0.f1 })
    }

    static func check(_ a: Int, _ b: Int) throws {
        guard a == b else { throw LearningError.invalidShape("\(a) true labels vs \(b) predictions") }
        guard a > 0 else { throw LearningError.emptyInput("no labels to score") }
    }
}
