/// A differentiable loss for gradient boosting. Scores and gradients are class-major:
/// output k of row r lives at `k * rowCount + r`.
public protocol BoostingObjective: Sendable {
    var outputCount: Int { get }
    /// Constant starting scores (the prior), one per output.
    func initialScores(targets: [Double]) throws -> [Double]
    /// Writes first and second derivatives of the loss w.r.t. the scores for rows in `range`.
    func fillGradients(scores: UnsafePointer<Double>, targets: UnsafePointer<Double>, rowCount: Int, range: Range<Int>,
                       grad: UnsafeMutablePointer<Double>, hess: UnsafeMutablePointer<Double>)
    /// Mean loss, used for early stopping.
    func loss(scores: [Double], targets: [Double]) -> Double
    /// Leaf value cap used when the caller does not set one.
    var defaultMaxDeltaStep: Double { get }
}

extension BoostingObjective {
    /// Convenience for tests and callers: gradients and hessians of every row.
    public func gradients(scores: [Double], targets: [Double]) -> (grad: [Double], hess: [Double]) {
        let n = targets.count
        var g = [Double](repeating: 0, count: n * outputCount)
        var h = g
        scores.withUnsafeBufferPointer { s in
            targets.withUnsafeBufferPointer { t in
                g.withUnsafeMutableBufferPointer { gb in
                    h.withUnsafeMutableBufferPointer { hb in
                        fillGradients(scores: s.baseAddress!, targets: t.baseAddress!, rowCount: n, range: 0..<n,
                                      grad: gb.baseAddress!, hess: hb.baseAddress!)
                    }
                }
            }
        }
        return (g, h)
    }
}
