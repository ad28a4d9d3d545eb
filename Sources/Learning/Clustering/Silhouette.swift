/// Silhouette score on a seeded sample of rows (euclidean), as scikit-learn's `silhouette_score(sample_size:)`:
/// distances are computed within the sample only.
public enum Silhouette {
    public static func score(_ x: FeatureMatrix, labels: [Int], sampleSize: Int = 2000, seed: UInt64 = 0) throws -> Double {
        guard labels.count == x.rowCount else {
            throw LearningError.invalidShape("\(labels.count) labels for \(x.rowCount) rows")
        }
        var rows = Array(0..<x.rowCount)
        if x.rowCount > sampleSize {
            var rng = SeededGenerator(seed: seed)
            rng.shuffle(&rows)
            rows = Array(rows.prefix(sampleSize))
        }
        let clusters = Array(Set(rows.map { labels[$0] })).sorted()
        guard clusters.count >= 2 else { throw LearningError.notEnoughData("silhouette needs at least 2 clusters in the sample") }
        var index = [Int: Int]()
        for (i, c) in clusters.enumerated() { index[c] = i }
        let m = rows.count, d = x.columnCount
        var scores = [Double](repeating: 0, count: m)
        scores.withUnsafeMutableBufferPointer { sb in
            let out = SharedBuffer(sb.baseAddress!)
            Parallel.forEachChunk(count: m, minChunk: 16) { range in
                for i in range {
                    var sums = [Double](repeating: 0, count: clusters.count)
                    var counts = [Int](repeating: 0, count: clusters.count)
                    for j in 0..<m where j != i {
                        var s = 0.0
                        for f in 0..<d { let t = x[rows[i], f] - x[rows[j], f]; s += t * t }
                        let c = index[labels[rows[j]]]!
                        sums[c] += s.squareRoot()
                        counts[c] += 1
                    }
                    let own = index[labels[rows[i]]]!
                    // A row alone in its cluster scores 0 by convention.
                    if counts[own] == 0 { out[i] = 0; continue }
                    let a = sums[own] / Double(counts[own])
                    var b = Double.infinity
                    for c in 0..<clusters.count where c != own && counts[c] > 0 { b = min(b, sums[c] / Double(counts[c])) }
                    out[i] = max(a, b) > 0 ? (b - a) / max(a, b) : 0
                }
            }
        }
        return scores.reduce(0, +) / Double(m)
    }
}
