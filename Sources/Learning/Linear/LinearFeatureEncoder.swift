/// Turns a feature matrix into the design matrix of a linear model: numeric columns standardized
/// (missing values become the mean, i.e. 0), categorical columns one-hot encoded over the categories
/// seen at fit time (unseen categories encode as all zeros).
public struct LinearFeatureEncoder: Sendable, Equatable {
    public let columnCount: Int
    public let means: [Double]
    public let scales: [Double]
    /// For each categorical column, its categories in output order.
    public let categories: [Int: [Int]]
    public let outputCount: Int

    public init(fitting x: FeatureMatrix) throws {
        guard x.rowCount > 0 else { throw LearningError.emptyInput("no rows") }
        var means = [Double](repeating: 0, count: x.columnCount)
        var scales = [Double](repeating: 1, count: x.columnCount)
        var cats = [Int: [Int]]()
        var out = 0
        for c in 0..<x.columnCount {
            let col = x.column(c).filter { !$0.isNaN }
            if x.isCategorical(c) {
                let set = Array(Set(col.map { Int($0) })).sorted()
                cats[c] = set
                out += set.count
                continue
            }
            out += 1
            guard !col.isEmpty else { continue }
            let m = col.reduce(0, +) / Double(col.count)
            let v = col.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(col.count)
            means[c] = m
            // A constant column keeps scale 1 so it encodes as zeros rather than NaN.
            scales[c] = v > 0 ? v.squareRoot() : 1
        }
        self.init(columnCount: x.columnCount, means: means, scales: scales, categories: cats)
        _ = out
    }

    public init(columnCount: Int, means: [Double], scales: [Double], categories: [Int: [Int]]) {
        self.columnCount = columnCount
        self.means = means
        self.scales = scales
        self.categories = categories
        outputCount = (0..<columnCount).reduce(0) { $0 + (categories[$1]?.count ?? 1) }
    }

    /// Encoded rows, row-major rows x outputCount.
    public func transform(_ x: FeatureMatrix) throws -> [Double] {
        guard x.columnCount == columnCount else {
            throw LearningError.invalidShape("the encoder expects \(columnCount) columns, got \(x.columnCount)")
        }
        var lookup = [Int: [Int: Int]]()
        for (c, cs) in categories {
            var m = [Int: Int]()
            for (i, v) in cs.enumerated() { m[v] = i }
            lookup[c] = m
        }
        let w = outputCount
        var out = [Double](repeating: 0, count: x.rowCount * w)
        for r in 0..<x.rowCount {
            var o = r * w
            for c in 0..<columnCount {
                let v = x[r, c]
                if let m = lookup[c] {
                    if !v.isNaN, let i = m[Int(v)] { out[o + i] = 1 }
                    o += categories[c]!.count
                } else {
                    out[o] = v.isNaN ? 0 : (v - means[c]) / scales[c]
                    o += 1
                }
            }
        }
        return out
    }
}
