import Foundation

/// Multiclass cross-entropy over softmax of `classCount` scores; targets are class codes.
/// Uses the diagonal hessian p(1-p), as LightGBM and XGBoost do.
public struct SoftmaxObjective: BoostingObjective {
    public let classCount: Int
    public init(classCount: Int) { self.classCount = classCount }
    public var outputCount: Int { classCount }
    /// With many classes the diagonal Newton step -G/H is huge for a nearly pure leaf of a rare class
    /// (H ~ n/K); capping it is what keeps 100+ class problems from diverging.
    public var defaultMaxDeltaStep: Double { 2 }

    /// Log of the smoothed class frequencies, centred: the model starts at the prior.
    public func initialScores(targets: [Double]) throws -> [Double] {
        guard !targets.isEmpty else { throw LearningError.emptyInput("no targets") }
        var counts = [Double](repeating: 0, count: classCount)
        for t in targets {
            let k = Int(t)
            guard t == t.rounded(), k >= 0, k < classCount else {
                throw LearningError.invalidArgument("class code \(t) outside 0..<\(classCount)")
            }
            counts[k] += 1
        }
        let n = Double(targets.count)
        let logs = counts.map { log(($0 + 0.5) / (n + 0.5 * Double(classCount))) }
        let mean = logs.reduce(0, +) / Double(classCount)
        return logs.map { $0 - mean }
    }

    public func fillGradients(scores: UnsafePointer<Double>, targets: UnsafePointer<Double>, rowCount n: Int, range: Range<Int>,
                              grad: UnsafeMutablePointer<Double>, hess: UnsafeMutablePointer<Double>) {
        let k = classCount
        var p = [Double](repeating: 0, count: k)
        for r in range {
            var mx = -Double.infinity
            for c in 0..<k { mx = max(mx, scores[c * n + r]) }
            var sum = 0.0
            for c in 0..<k { let e = exp(scores[c * n + r] - mx); p[c] = e; sum += e }
            let y = Int(targets[r])
            for c in 0..<k {
                let pc = p[c] / sum
                grad[c * n + r] = pc - (c == y ? 1 : 0)
                hess[c * n + r] = max(pc * (1 - pc), 1e-16)
            }
        }
    }

    public func loss(scores: [Double], targets: [Double]) -> Double {
        let n = targets.count
        var total = 0.0
        for r in 0..<n {
            var mx = -Double.infinity
            for c in 0..<classCount { mx = max(mx, scores[c * n + r]) }
            var sum = 0.0
            for c in 0..<classCount { sum += exp(scores[c * n + r] - mx) }
            total += log(sum) + mx - scores[Int(targets[r]) * n + r]
        }
        return total / Double(max(1, n))
    }
}
