import GRDB

/// The nine audio features of every track, standardized, for exact nearest neighbours and for reasons.
struct AudioSpaceSnapshot: Sendable {
    static let features = ClusterData.features
    var ids: [String]
    var index: [String: Int]
    /// Row-major standardized values.
    var z: [Double]
    var means: [Double]
    var scales: [Double]

    static func load(_ db: Database) throws -> AudioSpaceSnapshot {
        let d = features.count
        var ids: [String] = [], raw: [Double] = []
        let cursor = try Row.fetchCursor(db, sql: "SELECT track_id, \(features.joined(separator: ", ")) FROM v_audio_features ORDER BY track_id")
        while let row = try cursor.next() {
            ids.append(row[0])
            for c in 0..<d { raw.append(row[c + 1]) }
        }
        let n = ids.count
        var means = [Double](repeating: 0, count: d), scales = [Double](repeating: 1, count: d)
        for r in 0..<n { for c in 0..<d { means[c] += raw[r * d + c] } }
        for c in 0..<d { means[c] /= Double(max(1, n)) }
        var variance = [Double](repeating: 0, count: d)
        for r in 0..<n { for c in 0..<d { let x = raw[r * d + c] - means[c]; variance[c] += x * x } }
        for c in 0..<d { let s = (variance[c] / Double(max(1, n - 1))).squareRoot(); scales[c] = s > 0 ? s : 1 }
        var z = raw
        for r in 0..<n { for c in 0..<d { z[r * d + c] = (raw[r * d + c] - means[c]) / scales[c] } }
        return AudioSpaceSnapshot(ids: ids, index: Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }),
                                  z: z, means: means, scales: scales)
    }

    /// The `k` tracks closest to `id` in standardized units (the track itself left out).
    func nearest(to id: String, k: Int) -> [(id: String, distance: Double)] {
        guard let seed = index[id] else { return [] }
        let d = Self.features.count
        var best: [(Int, Double)] = []
        for r in 0..<ids.count where r != seed {
            var s = 0.0
            for c in 0..<d { let diff = z[r * d + c] - z[seed * d + c]; s += diff * diff }
            if best.count < k || s < best[best.count - 1].1 {
                let at = best.firstIndex { $0.1 > s } ?? best.count
                best.insert((r, s), at: at)
                if best.count > k { best.removeLast() }
            }
        }
        return best.map { (ids[$0.0], $0.1.squareRoot()) }
    }
}
