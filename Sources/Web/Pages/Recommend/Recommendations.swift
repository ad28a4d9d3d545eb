import Foundation
import Analytics
import GRDB

/// What the Recommend page shows: the seed, where the answer came from and each result with its reasons (`Recommender`).
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

    /// The recommender's answer for one seed, as the page shows it.
    init(seed: TrackFacts, answer: RecommendationAnswer) {
        self.seed = seed.track
        source = answer.source.description
        items = answer.results.map {
            Item(track: TrackRef(trackID: $0.trackID, name: $0.trackName, artists: $0.artists.joined(separator: ";")),
                 distance: $0.distance, reasons: $0.reasons)
        }
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
