import GRDB
import Store

/// The blend's audio evidence: the seeds' weighted mean point in the standardized audio space (the profile), the
/// tracks nearest it, and any candidate's point. From a loaded `RecommendationSpace` when the caller keeps one (the
/// web app), else straight from SQLite (the CLI): one pass over the nine features in storage order without ids or
/// per-track arrays, the `AudioSpace` standardization (its means and scales, to rounding), then ids and points read
/// only for the nearest tracks and the candidates. Loading the whole space was most of a `recommend --playlist`.
struct BlendAudio {
    var profile: [Double]
    /// The `count` tracks nearest the profile, ties in track id order (as `PlaylistContinuation.nearest` over the space).
    var nearest: [String]
    /// Standardized points of the given tracks (those without audio are absent).
    var points: ([String]) throws -> [String: [Double]]

    /// nil when no seed has audio.
    static func make(_ db: Database, seeds members: [String], weights: [String: Double], nearest count: Int,
                     space: RecommendationSpace?) throws -> BlendAudio? {
        let d = Recommender.features.count
        if let space {
            let points: ([String]) -> [String: [Double]] = { ids in
                Dictionary(ids.compactMap { id in space.index[id].map { (id, space.points[$0]) } }, uniquingKeysWith: { a, _ in a })
            }
            guard let profile = Self.profile(members, weights: weights, points: points(members), d: d) else { return nil }
            let squared = space.points.map { Self.squared($0, profile) }
            let nearest = PlaylistContinuation.nearest(squared, count: count).map { space.ids[$0] }
            return BlendAudio(profile: profile, nearest: nearest, points: points)
        }

        let columns = Recommender.features.joined(separator: ", ")
        let notNull = Recommender.features.map { "\($0) IS NOT NULL" }.joined(separator: " AND ")
        // v_audio_features's rows, by rowid: storage order is the cheap scan (track id order costs a lookup per row).
        let (rowids, values) = try NumericScan.read(db, sql: "SELECT rowid, \(columns) FROM audio_features WHERE \(notNull)", columns: d)
        let n = rowids.count
        guard n > 0 else { return nil }
        var means = [Double](repeating: 0, count: d), scales = [Double](repeating: 1, count: d)
        for c in 0..<d {
            var sum = 0.0
            for r in 0..<n { sum += values[r * d + c] }
            let mean = sum / Double(n)
            var variance = 0.0
            for r in 0..<n { let x = values[r * d + c] - mean; variance += x * x }
            variance /= Double(n)
            means[c] = mean
            scales[c] = variance > 0 ? variance.squareRoot() : 1
        }
        let points: ([String]) throws -> [String: [Double]] = { ids in
            var points: [String: [Double]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT j.value, \(columns) FROM json_each(?) j JOIN v_audio_features a ON a.track_id = j.value
                """, arguments: [PlaylistContinuation.json(ids)]) {
                points[row[0]] = (0..<d).map { c in ((row[c + 1] as Double) - means[c]) / scales[c] }
            }
            return points
        }
        guard let profile = Self.profile(members, weights: weights, points: try points(members), d: d) else { return nil }
        var squared = [Double](repeating: 0, count: n)
        var point = [Double](repeating: 0, count: d)
        for r in 0..<n {
            for c in 0..<d { point[c] = (values[r * d + c] - means[c]) / scales[c] }
            squared[r] = Self.squared(point, profile)
        }
        // The nearest by distance; at the boundary, tracks as far as the last one kept go in track id order.
        var selected: [Int64]
        if count >= n {
            selected = rowids
        } else if count <= 0 {
            selected = []
        } else {
            let threshold = Self.smallest(squared, rank: count - 1)
            selected = rowids.indices.filter { squared[$0] < threshold }.map { rowids[$0] }
            let tied = rowids.indices.filter { squared[$0] == threshold }.map { rowids[$0] }
            let tiedIDs = try String.fetchAll(db, sql: """
                SELECT track_id FROM audio_features WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY track_id LIMIT ?
                """, arguments: [PlaylistContinuation.json(tied), count - selected.count])
            let ids = try String.fetchAll(db, sql: "SELECT track_id FROM audio_features WHERE rowid IN (SELECT value FROM json_each(?))",
                                          arguments: [PlaylistContinuation.json(selected)])
            return BlendAudio(profile: profile, nearest: ids + tiedIDs, points: points)
        }
        let ids = try String.fetchAll(db, sql: "SELECT track_id FROM audio_features WHERE rowid IN (SELECT value FROM json_each(?))",
                                      arguments: [PlaylistContinuation.json(selected)])
        return BlendAudio(profile: profile, nearest: ids, points: points)
    }

    /// The seeds' mean point, each weighed by its seed weight, summed in `members` order; nil when none has audio.
    static func profile(_ members: [String], weights: [String: Double], points: [String: [Double]], d: Int) -> [Double]? {
        var profile = [Double](repeating: 0, count: d), n = 0.0
        for id in members {
            if let point = points[id] { let w = weights[id] ?? 0; for k in 0..<d { profile[k] += w * point[k] }; n += w }
        }
        return n > 0 ? profile.map { $0 / n } : nil
    }

    /// `values.sorted()[rank]`, by selection (quickselect with a middle pivot) rather than sorting 100,000 values.
    static func smallest(_ values: [Double], rank: Int) -> Double {
        var a = values, low = 0, high = a.count - 1
        while low < high {
            let pivot = a[(low + high) / 2]
            var i = low, j = high
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if rank <= j { high = j } else if rank >= i { low = i } else { return a[rank] }
        }
        return a[rank]
    }

    static func squared(_ point: [Double], _ profile: [Double]) -> Double {
        var sum = 0.0
        for k in 0..<profile.count { let diff = point[k] - profile[k]; sum += diff * diff }
        return sum
    }
}
