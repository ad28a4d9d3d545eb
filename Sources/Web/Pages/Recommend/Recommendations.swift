import Foundation
import Analytics
import GRDB

/// Tracks that sound like a seed: the stored neighbours of the champion, else computed exactly, each with reasons.
struct Recommendations: Codable, Sendable {
    struct TrackFacts: Codable, Sendable {
        var track: TrackRef
        var genres: [String]
        var features: [String: Double]
        var key: Int?
        var mode: Int?
        var durationMS: Int?
        var camelot: String? {
            guard let key, let mode else { return nil }
            return CamelotCode(key: key, mode: mode)?.description
        }
    }

    struct Item: Codable, Sendable {
        var track: TrackRef
        var distance: Double
        var reasons: [String]
    }

    var seed: TrackRef
    var source: String
    var items: [Item]

    static func load(_ db: Database, seedID: String, space: () throws -> AudioSpaceSnapshot, count: Int = 10) throws -> Recommendations {
        guard let seed = try facts(db, ids: [seedID])[seedID] else { throw WebError.notFound("There is no track with the id \(seedID).") }
        var neighbours: [(id: String, distance: Double)] = try Row.fetchAll(db, sql: """
            SELECT neighbour_track_id, distance, run_id FROM v_track_neighbours WHERE track_id = ? ORDER BY rank
            """, arguments: [seedID]).map { ($0["neighbour_track_id"], $0["distance"]) }
        var source = "stored neighbours of the champion run"
        var items = try unique(db, seed: seed, neighbours, count: count)
        // The dumps repeat a song on several albums; when the stored neighbours are mostly copies, search exactly.
        if items.count < min(count, 5) {
            let snapshot = try space()
            guard snapshot.index[seedID] != nil else {
                return Recommendations(seed: seed.track, source: "none: the track has no audio features", items: items)
            }
            neighbours = snapshot.nearest(to: seedID, k: count * 5)
            source = "computed exactly over \(HTML.count(snapshot.ids.count)) tracks"
            items = try unique(db, seed: seed, neighbours, count: count)
        }
        return Recommendations(seed: seed.track, source: source, items: items)
    }

    /// The first `count` neighbours that are not the seed's song again nor a repeat of an earlier one, with reasons.
    static func unique(_ db: Database, seed: TrackFacts, _ neighbours: [(id: String, distance: Double)], count: Int) throws -> [Item] {
        let others = try facts(db, ids: neighbours.map(\.id))
        var seen: Set<String> = [seed.track.label.lowercased()]
        var items: [Item] = []
        for n in neighbours where items.count < count {
            guard let other = others[n.id], seen.insert(other.track.label.lowercased()).inserted else { continue }
            items.append(Item(track: other.track, distance: n.distance, reasons: reasons(seed: seed, other: other)))
        }
        return items
    }

    static let scales: [String: Double] = ["danceability": 0.17, "energy": 0.25, "loudness": 5, "speechiness": 0.1, "acousticness": 0.33,
                                           "instrumentalness": 0.31, "liveness": 0.19, "valence": 0.26, "tempo": 30]

    /// Why `other` is recommended for `seed`: shared artists and genres, a compatible key, the closest features.
    static func reasons(seed: TrackFacts, other: TrackFacts) -> [String] {
        var reasons: [String] = []
        let seedArtists = Set(seed.track.artists.split(separator: ";").map(String.init))
        let shared = other.track.artists.split(separator: ";").map(String.init).filter { seedArtists.contains($0) }
        if !shared.isEmpty { reasons.append("same artist: " + shared.joined(separator: ", ")) }
        let genres = other.genres.filter { seed.genres.contains($0) }
        if !genres.isEmpty { reasons.append("shares genre " + genres.prefix(3).joined(separator: ", ")) }
        if let a = seed.camelot, let b = other.camelot, let ca = CamelotCode(key: seed.key ?? -1, mode: seed.mode ?? 0),
           let cb = CamelotCode(key: other.key ?? -1, mode: other.mode ?? 0), ca.isCompatible(with: cb) {
            reasons.append(a == b ? "same key (\(a))" : "compatible key (\(a) → \(b))")
        }
        let close = ClusterData.features.compactMap { f -> (String, Double, Double, Double)? in
            guard let x = seed.features[f], let y = other.features[f] else { return nil }
            return (f, x, y, abs(x - y) / (scales[f] ?? 1))
        }.sorted { $0.3 < $1.3 }.prefix(3)
        for (feature, x, y, _) in close {
            let digits = feature == "tempo" || feature == "loudness" ? 1 : 2
            reasons.append("\(feature) \(HTML.number(y, digits)) (seed \(HTML.number(x, digits)))")
        }
        return reasons
    }

    static func facts(_ db: Database, ids: [String]) throws -> [String: TrackFacts] {
        var out: [String: TrackFacts] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT track_id, track_name, artists, genres, key, mode, duration_ms, \(ClusterData.features.joined(separator: ", "))
            FROM v_tracks WHERE track_id IN (SELECT value FROM json_each(?))
            """, arguments: [TrackIDs.json(ids)]) {
            var features: [String: Double] = [:]
            for f in ClusterData.features { if let v: Double = row[f] { features[f] = v } }
            let id: String = row["track_id"]
            let genres: String? = row["genres"]
            out[id] = TrackFacts(track: TrackRef(trackID: id, name: row["track_name"], artists: row["artists"] ?? ""),
                                 genres: genres.map { $0.split(separator: ";").map(String.init) } ?? [], features: features,
                                 key: row["key"], mode: row["mode"], durationMS: row["duration_ms"])
        }
        return out
    }
}
