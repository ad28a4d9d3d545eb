/// Regression metrics over paired truth/prediction vectors.
public enum RegressionMetrics {
    public static func meanAbsoluteError(truth: [Double], predicted: [Double]) throws -> Double {
        try ClassificationMetrics.check(truth.count, predicted.count)
        var s = 0.0
        for i in truth.indices { s += abs(truth[i] - predicted[i]) }
        return s / Double(truth.count)
    }

    public static func meanSquaredError(truth: [Double], predicted: [Double]) throws -> Double {
        try ClassificationMetrics.check(truth.count, predicted.count)
        var s = 0.0
        for i in truth.indices { let d = truth[i] - predicted[i]; s += d * d }
        return s / Double(truth.count)
    }

    public static func rootMeanSquaredError(truth: [Double], predicted: [Double]) throws -> Double {
        try meanSquaredError(truth: truth, predicted: predicted).squareRoot()
    }

    /// Coefficient of determination; a constant truth vector gives 0 unless the fit is perfect (then 1).
    public static func r2(truth: [Double], predicted: [Double]) throws -> Double {
        try ClassificationMetrics.check(truth.count, predicted.count)
        let mean = truth.reduce(0, +) / Double(truth.count)
        var ssRes = 0.0, ssTot = 0.0
        for i in truth.indices {
            ssRes += (truth[i] - predicted[i]) * (truth[i] - predicted[i])
            ssTot += (truth[i] - mean) * (truth[i] - mean)
        }
        if ssTot == 0 { return ssRes == 0 ? 1 : 0 }
        return 1 - ssRes / ssTot
    }
}
