/// Ridge regression on standardized (and one-hot) features, solved in closed form with Cholesky:
/// (X'X + alpha I) w = X'(y - mean y); the intercept is the mean target.
public struct RidgeRegression: Sendable {
    public var alpha: Double

    public init(alpha: Double = 1) { self.alpha = alpha }

    public func fit(_ x: FeatureMatrix, targets y: [Double]) throws -> RidgeRegressionModel {
        guard x.rowCount == y.count else { throw LearningError.invalidShape("\(x.rowCount) rows but \(y.count) targets") }
        guard alpha >= 0 else { throw LearningError.invalidArgument("alpha must be >= 0") }
        let encoder = try LinearFeatureEncoder(fitting: x)
        let z = try encoder.transform(x)
        let p = encoder.outputCount, n = x.rowCount
        let ym = y.reduce(0, +) / Double(n)
        var a = [Double](repeating: 0, count: p * p)
        var b = [Double](repeating: 0, count: p)
        for r in 0..<n {
            let yr = y[r] - ym
            for i in 0..<p {
                let zi = z[r * p + i]
                if zi == 0 { continue }
                b[i] += zi * yr
                for j in i..<p { a[i * p + j] += zi * z[r * p + j] }
            }
        }
        for i in 0..<p {
            for j in 0..<i { a[i * p + j] = a[j * p + i] }
            a[i * p + i] += alpha
        }
        let w = try Cholesky.solve(a, b, size: p)
        return RidgeRegressionModel(encoder: encoder, weights: w, intercept: ym)
    }
}

/// A fitted ridge regression.
public struct RidgeRegressionModel: Sendable, Equatable {
    public let encoder: LinearFeatureEncoder
    /// One weight per encoded column (standardized scale).
    public let weights: [Double]
    public let intercept: Double

    public func predict(_ x: FeatureMatrix) throws -> [Double] {
        let z = try encoder.transform(x)
        let p = encoder.outputCount
        return (0..<x.rowCount).map { r in
            var s = intercept
            for i in 0..<p { s += weights[i] * z[r * p + i] }
            return s
        }
    }
}

/// Cholesky factorisation A = L L' and the two triangular solves.
enum Cholesky {
    static func solve(_ a: [Double], _ b: [Double], size p: Int) throws -> [Double] {
        var l = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0...i {
                var s = a[i * p + j]
                for k in 0..<j { s -= l[i * p + k] * l[j * p + k] }
                if i == j {
                    guard s > 1e-12 else {
                        throw LearningError.invalidArgument("the system is singular; use alpha > 0 or drop constant/duplicate columns")
                    }
                    l[i * p + i] = s.squareRoot()
                } else {
                    l[i * p + j] = s / l[j * p + j]
                }
            }
        }
        var y = [Double](repeating: 0, count: p)
        for i in 0..<p {
            var s = b[i]
            for k in 0..<i { s -= l[i * p + k] * y[k] }
            y[i] = s / l[i * p + i]
        }
        var x = [Double](repeating: 0, count: p)
        for i in stride(from: p - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<p { s -= l[k * p + i] * x[k] }
            x[i] = s / l[i * p + i]
        }
        return x
    }
}
