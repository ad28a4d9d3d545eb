import GRDB
@_spi(WarehouseSQL) import Store

/// The engine's audio evidence: the seeds' weighted mean point in the standardized `AudioSpace` (the profile), the
/// tracks nearest it, and any candidate's point. From a loaded `AudioSpace` when the caller keeps one (the web app),
/// else from the space `train` kept (`AudioSpaceSnapshot`: one row, the same values), else straight from SQLite: one
/// pass over the nine features in storage order without ids or per-track arrays, standardized by
/// `AudioSpace.moments`, then ids and points read only for the nearest tracks and the candidates. That scan was most
/// of a one-track `recommend`.
struct BlendAudio {
    static let features = AudioSpace.columns

    var profile: [Double]
    /// The `count` tracks nearest the profile, ties in track id order (`TopK`).
    var nearest: [String]
    /// Standardized points of the given tracks (those without audio are absent).
    var points: ([String]) throws -> [String: [Double]]

    /// nil when no seed has audio.
    static func make(_ db: Database, seeds members: [String], weights: [String: Double], nearest count: Int,
                     space: AudioSpace?) throws -> BlendAudio? {
        let d = features.count
        if let space {
            let values = space.standardized.values
            let points: ([String]) -> [String: [Double]] = { ids in
                Dictionary(ids.compactMap { id in space.index[id].map { (id, Array(values[($0 * d)..<(($0 + 1) * d)])) } },
                           uniquingKeysWith: { a, _ in a })
            }
            guard let profile = Self.profile(members, weights: weights, points: points(members), d: d) else { return nil }
            let squared = Self.squared(values, rows: space.trackIDs.count, profile)
            // The space's rows are in track id order, so index order is track id order at the boundary.
            let nearest = TopK.smallestIndices(squared, count: count).map { space.trackIDs[$0] }
            return BlendAudio(profile: profile, nearest: nearest, points: points)
        }

        if let kept = try AudioSpaceSnapshot.read(db) {
            let points = Self.points(db, means: kept.means, scales: kept.scales)
            guard let profile = Self.profile(members, weights: weights, points: try points(members), d: d) else { return nil }
            // Rows in track id order, as the loaded space's: index order is track id order at the boundary.
            let nearest = TopK.smallestIndices(Self.squared(kept.points, rows: kept.count, profile), count: count).map(kept.trackID)
            return BlendAudio(profile: profile, nearest: nearest, points: points)
        }

        let columns = features.joined(separator: ", ")
        let notNull = features.map { "\($0) IS NOT NULL" }.joined(separator: " AND ")
        // v_audio_features's rows, by rowid: storage order is the cheap scan (track id order costs a lookup per row).
        let (rowids, values) = try NumericScan.read(db, sql: "SELECT rowid, \(columns) FROM audio_features WHERE \(notNull)", columns: d)
        let n = rowids.count
        guard n > 0 else { return nil }
        let (means, scales) = AudioSpace.moments(values, columns: d)
        let points = Self.points(db, means: means, scales: scales)
        guard let profile = Self.profile(members, weights: weights, points: try points(members), d: d) else { return nil }
        var standardized = values
        for r in 0..<n { for c in 0..<d { standardized[r * d + c] = (values[r * d + c] - means[c]) / scales[c] } }
        let (below, tied, remaining) = TopK.smallest(Self.squared(standardized, rows: n, profile), count: count)
        // Storage order is not track id order: the tracks at the boundary are taken in track id order by SQLite.
        let ids = try String.fetchAll(db, sql: "SELECT track_id FROM audio_features WHERE rowid IN (SELECT value FROM json_each(?))",
                                      arguments: [RecommendationEngine.json(below.map { rowids[$0] })])
        let tiedIDs = remaining == 0 ? [] : try String.fetchAll(db, sql: """
            SELECT track_id FROM audio_features WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY track_id LIMIT ?
            """, arguments: [RecommendationEngine.json(tied.map { rowids[$0] }), remaining])
        return BlendAudio(profile: profile, nearest: ids + tiedIDs, points: points)
    }

    /// Standardized points of the given tracks, read from SQLite and standardized by `means` and `scales`.
    static func points(_ db: Database, means: [Double], scales: [Double]) -> ([String]) throws -> [String: [Double]] {
        let d = features.count, columns = features.joined(separator: ", ")
        return { ids in
            var points: [String: [Double]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT j.value, \(columns) FROM json_each(?) j JOIN v_audio_features a ON a.track_id = j.value
                """, arguments: [RecommendationEngine.json(ids)]) {
                points[row[0]] = (0..<d).map { c in ((row[c + 1] as Double) - means[c]) / scales[c] }
            }
            return points
        }
    }

    /// The seeds' mean point, each weighed by its seed weight, summed in `members` order; nil when none has audio.
    static func profile(_ members: [String], weights: [String: Double], points: [String: [Double]], d: Int) -> [Double]? {
        var profile = [Double](repeating: 0, count: d), n = 0.0
        for id in members {
            if let point = points[id] { let w = weights[id] ?? 0; for k in 0..<d { profile[k] += w * point[k] }; n += w }
        }
        return n > 0 ? profile.map { $0 / n } : nil
    }

    /// Squared distance of each row of row-major standardized `values` to the profile.
    static func squared(_ values: [Double], rows: Int, _ profile: [Double]) -> [Double] {
        let d = profile.count
        return (0..<rows).map { r in
            var sum = 0.0
            for k in 0..<d { let diff = values[r * d + k] - profile[k]; sum += diff * diff }
            return sum
        }
    }

    static func squared(_ point: [Double], _ profile: [Double]) -> Double {
        squared(point, rows: 1, profile)[0]
    }

    /// The three features on which a candidate is closest to the profile.
    static func closestFeatures(_ point: [Double], _ profile: [Double]) -> [String] {
        features.indices.sorted { (abs(point[$0] - profile[$0]), $0) < (abs(point[$1] - profile[$1]), $1) }.prefix(3).map { features[$0] }
    }
}
