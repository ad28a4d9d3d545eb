import Foundation
import GRDB

/// Title search for the typeahead: titles starting with the text first, then containing it, most popular first.
struct TrackSearch: Codable, Sendable {
    struct Hit: Codable, Sendable {
        var trackID: String
        var name: String
        var artists: String
        var label: String
    }

    var query: String
    var tracks: [Hit]

    static func run(_ db: Database, text: String, limit: Int = 10) throws -> TrackSearch {
        let trimmed = String(text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        guard trimmed.count >= 2 else { return TrackSearch(query: trimmed, tracks: []) }
        let escaped = trimmed.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        let ids = try String.fetchAll(db, sql: """
            SELECT t.track_id FROM tracks t WHERE t.name LIKE ? ESCAPE '\\'
            ORDER BY (t.name LIKE ? ESCAPE '\\') DESC,
                     (SELECT po.popularity FROM popularity_observations po WHERE po.track_id = t.track_id ORDER BY po.ingest_id DESC LIMIT 1) DESC,
                     t.name, t.track_id
            LIMIT ?
            """, arguments: ["%" + escaped + "%", escaped + "%", limit])
        let refs = try TrackRef.fetch(db, ids: ids)
        return TrackSearch(query: trimmed, tracks: ids.compactMap { id in
            refs[id].map { Hit(trackID: id, name: $0.name, artists: $0.artists, label: $0.label) }
        })
    }
}
