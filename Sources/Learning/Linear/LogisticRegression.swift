import Foundation

/// Multinomial logistic regression with L2 on standardized (and one-hot) features, fitted by L-BFGS.
/// Minimises mean cross-entropy + l2/2 * ||W||^2 (the intercepts are not penalised).
public struct LogisticRegression: Sendable {
    public var l2: Double = 1e-3
    public var maxIterations: Int = 200
    /// Stop when the gradient's max-norm falls below this.
    public var tolerance: Double = 1e-6
    public var memory: Int = 10

    public init() {}

    public func fit(_ x: FeatureMatrix, labels: ClassLabels) throws -> LogisticRegressionModel {
        guard x.rowCount == labels.count else { throw LearningError.invalidShape("\(x.rowCount) rows but \(labels.count) labels") }
        guard labels.classCount >= 2 else { throw LearningError.invalidArgument("need at least 2 classes") }
        let encoder = try LinearFeatureEncoder(fitting: x)
        let z = try encoder.transform(x)
        let p = encoder.outputCount, k = labels.classCount, n = x.rowCount
        let dim = (p + 1) * k // per class: p weights then the intercept
        let y = labels.codes

        func lossAndGradient(_ w: [Double]) -> (Double, [Double]) {
            let chunk = 1024
            let chunks = (n + chunk - 1) / chunk
            var parts = [(Double, [Double])](repeating: (0, []), count: chunks)
            parts.withUnsafeMutableBufferPointer { pb in
                let out = SharedBuffer(pb.baseAddress!)
                Parallel.forEachFixedChunk(count: n, chunkSize: chunk) { ci, range in
                    var g = [Double](repeating: 0, count: dim)
                    var loss = 0.0
                    var s = [Double](repeating: 0, count: k)
                    for r in range {
                        var mx = -Double.infinity
                        for c in 0..<k {
                            var v = w[c * (p + 1) + p]
                            for i in 0..<p { v += w[c * (p + 1) + i] * z[r * p + i] }
                            s[c] = v
                            mx = max(mx, v)
                        }
                        var sum = 0.0
                        for c in 0..<k { s[c] = exp(s[c] - mx); sum += s[c] }
                        loss += log(sum) + mx - (log(s[y[r]]) + mx)
                        for c in 0..<k {
                            let d = s[c] / sum - (c == y[r] ? 1 : 0)
                            for i in 0..<p { g[c * (p + 1) + i] += d * z[r * p + i] }
                            g[c * (p + 1) + p] += d
                        }
                    }
                    out[ci] = (loss, g)
                }
            }
            var loss = 0.0
            var g = [Double](repeating: 0, count: dim)
            for part in parts {
                loss += part.0
                for i in 0..<dim { g[i] += part.1[i] }
            }
            loss /= Double(n)
            for i in 0..<dim { g[i] /= Double(n) }
            for c in 0..<k {
                for i in 0..<p {
                    let wi = w[c * (p + 1) + i]
                    loss += 0.5 * l2 * wi * wi
                    g[c * (p + 1) + i] += l2 * wi
                }
            }
            return (loss, g)
        }

        let w = LBFGS(memory: memory, maxIterations: maxIterations, tolerance: tolerance)
            .minimize(start: [Double](repeating: 0, count: dim), lossAndGradient)
        return LogisticRegressionModel(encoder: encoder, classNames: labels.classNames, weights: w.point,
                                       iterations: w.iterations)
    }
}

/// A fitted multinomial logistic regression.
public struct LogisticRegressionModel: Sendable, Equatable {
    public let encoder: LinearFeatureEncoder
    public let classNames: [String]
    /// Per class: one weight per encoded column, then the intercept.
    public let weights: [Double]
    public let iterations: Int

    public var classCount: Int { classNames.count }

    public func predictProbabilities(_ x: FeatureMatrix) throws -> ScoreMatrix {
        let z = try encoder.transform(x)
        let p = encoder.outputCount, k = classCount
        var out = ScoreMatrix(rowCount: x.rowCount, columnCount: k)
        for r in 0..<x.rowCount {
            var mx = -Double.infinity
            for c in 0..<k {
                var v = weights[c * (p + 1) + p]
                for i in 0..<p { v += weights[c * (p + 1) + i] * z[r * p + i] }
                out[r, c] = v
                mx = max(mx, v)
            }
            var sum = 0.0
            for c in 0..<k { out[r, c] = exp(out[r, c] - mx); sum += out[r, c] }
            for c in 0..<k { out[r, c] /= sum }
        }
        return out
    }

    /// Predicted class codes.
    public func predict(_ x: FeatureMatrix) throws -> [Int] {
        try predictProbabilities(x).argmaxPerRow()
    }
}
