/// Pearson correlations between columns, over the rows where both values are present (not NaN).
public enum Correlation {
    /// A symmetric matrix with ones on the diagonal; 0 where a pair has fewer than two rows or no variance.
    public static func pearson(_ columns: [[Double]]) -> [[Double]] {
        let d = columns.count
        var result = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for a in 0..<d {
            result[a][a] = 1
            for b in (a + 1)..<max(a + 1, d) {
                var n = 0.0, sa = 0.0, sb = 0.0, saa = 0.0, sbb = 0.0, sab = 0.0
                let x = columns[a], y = columns[b]
                for i in 0..<min(x.count, y.count) where !x[i].isNaN && !y[i].isNaN {
                    n += 1; sa += x[i]; sb += y[i]; saa += x[i] * x[i]; sbb += y[i] * y[i]; sab += x[i] * y[i]
                }
                let cov = sab - sa * sb / max(n, 1), va = saa - sa * sa / max(n, 1), vb = sbb - sb * sb / max(n, 1)
                let r = (n > 1 && va > 0 && vb > 0) ? cov / (va * vb).squareRoot() : 0
                result[a][b] = r; result[b][a] = r
            }
        }
        return result
    }
}
