/// Principal components of standardized data, by Jacobi rotation of the correlation matrix (small d).
public struct PCA: Codable, Sendable {
    public var features: [String]
    public var means: [Double]
    public var scales: [Double]
    /// Unit eigenvectors, largest eigenvalue first: components[k][feature].
    public var components: [[Double]]
    /// Share of the total variance each component explains.
    public var explained: [Double]

    /// `rows` is row-major with `features.count` columns.
    public static func fit(_ rows: [Double], features: [String], components count: Int = 2) -> PCA {
        let d = features.count, n = rows.count / max(1, d)
        var means = [Double](repeating: 0, count: d), scales = [Double](repeating: 1, count: d)
        for r in 0..<n { for c in 0..<d { means[c] += rows[r * d + c] } }
        for c in 0..<d { means[c] /= Double(max(1, n)) }
        var variance = [Double](repeating: 0, count: d)
        for r in 0..<n { for c in 0..<d { let x = rows[r * d + c] - means[c]; variance[c] += x * x } }
        for c in 0..<d { let s = (variance[c] / Double(max(1, n - 1))).squareRoot(); scales[c] = s > 0 ? s : 1 }
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        var z = [Double](repeating: 0, count: d)
        for r in 0..<n {
            for c in 0..<d { z[c] = (rows[r * d + c] - means[c]) / scales[c] }
            for a in 0..<d { for b in a..<d { matrix[a][b] += z[a] * z[b] } }
        }
        for a in 0..<d { for b in a..<d { matrix[a][b] /= Double(max(1, n - 1)); matrix[b][a] = matrix[a][b] } }
        let (values, vectors) = jacobi(matrix)
        let order = values.indices.sorted { values[$0] > values[$1] }
        let total = max(1e-12, values.reduce(0, +))
        let picked = order.prefix(count)
        return PCA(features: features, means: means, scales: scales,
                   components: picked.map { k in (0..<d).map { vectors[$0][k] } },
                   explained: picked.map { values[$0] / total })
    }

    public func project(_ row: ArraySlice<Double>) -> [Double] {
        components.map { component in
            var s = 0.0
            for (c, x) in row.enumerated() { s += (x - means[c]) / scales[c] * component[c] }
            return s
        }
    }

    /// Eigenvalues and eigenvectors (columns) of a symmetric matrix.
    static func jacobi(_ input: [[Double]]) -> ([Double], [[Double]]) {
        var a = input
        let d = a.count
        var v = (0..<d).map { i in (0..<d).map { $0 == i ? 1.0 : 0.0 } }
        for _ in 0..<100 {
            var off = 0.0
            for p in 0..<d { for q in (p + 1)..<max(p + 1, d) { off += a[p][q] * a[p][q] } }
            if off < 1e-18 { break }
            for p in 0..<d {
                for q in (p + 1)..<max(p + 1, d) where abs(a[p][q]) > 1e-15 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<d {
                        let akp = a[k][p], akq = a[k][q]
                        a[k][p] = c * akp - s * akq
                        a[k][q] = s * akp + c * akq
                    }
                    for k in 0..<d {
                        let apk = a[p][k], aqk = a[q][k]
                        a[p][k] = c * apk - s * aqk
                        a[q][k] = s * apk + c * aqk
                    }
                    for k in 0..<d {
                        let vkp = v[k][p], vkq = v[k][q]
                        v[k][p] = c * vkp - s * vkq
                        v[k][q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<d).map { a[$0][$0] }, v)
    }
}
