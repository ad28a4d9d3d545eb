import Foundation

/// Binary log loss on a logit score; targets are 0 or 1.
public struct LogisticObjective: BoostingObjective {
    public init() {}
    public var outputCount: Int { 1 }
    /// XGBoost's advice for logistic boosting: a cap keeps near-pure leaves from exploding.
    public var defaultMaxDeltaStep: Double { 0 }

    public func initialScores(targets: [Double]) throws -> [Double] {
        guard !targets.isEmpty else { throw LearningError.emptyInput("no targets") }
        guard targets.allSatisfy({ $0 == 0 || $0 == 1 }) else {
            throw LearningError.invalidArgument("binary logistic targets must be 0 or 1")
        }
        // Smoothed prior so an all-one or all-zero target still gives a finite logit.
        let p = (targets.reduce(0, +) + 0.5) / (Double(targets.count) + 1)
        return [log(p / (1 - p))]
    }

    @inline(__always) static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    public func fillGradients(scores: UnsafePointer<Double>, targets: UnsafePointer<Double>, rowCount: Int, range: Range<Int>,
                              grad: UnsafeMutablePointer<Double>, hess: UnsafeMutablePointer<Double>) {
        for r in range {
            let p = Self.sigmoid(scores[r])
            grad[r] = p - targets[r]
            hess[r] = max(p * (1 - p), 1e-16)
        }
    }

    public func loss(scores: [Double], targets: [Double]) -> Double {
        var s = 0.0
        for i in targets.indices {
            // log(1 + e^x) - y x, computed stably.
            let x = scores[i]
            s += max(x, 0) + log1p(exp(-abs(x))) - targets[i] * x
        }
        return s / Double(max(1, targets.count))
    }
}
