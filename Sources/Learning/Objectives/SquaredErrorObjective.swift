/// L = (score - y)^2 / 2: gradient score - y, hessian 1.
public struct SquaredErrorObjective: BoostingObjective {
    public init() {}
    public var outputCount: Int { 1 }
    public var defaultMaxDeltaStep: Double { 0 }

    public func initialScores(targets: [Double]) throws -> [Double] {
        guard !targets.isEmpty else { throw LearningError.emptyInput("no targets") }
        return [targets.reduce(0, +) / Double(targets.count)]
    }

    public func fillGradients(scores: UnsafePointer<Double>, targets: UnsafePointer<Double>, rowCount: Int, range: Range<Int>,
                              grad: UnsafeMutablePointer<Double>, hess: UnsafeMutablePointer<Double>) {
        for r in range {
            grad[r] = scores[r] - targets[r]
            hess[r] = 1
        }
    }

    public func loss(scores: [Double], targets: [Double]) -> Double {
        var s = 0.0
        for i in targets.indices { let d = scores[i] - targets[i]; s += d * d }
        return s / Double(2 * max(1, targets.count))
    }
}
