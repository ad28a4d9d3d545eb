import Foundation
import GRDB
@_spi(WarehouseSQL) import Store

/// Title search for the web app's typeahead: titles starting with the text first, then containing it, most popular first.
public struct TrackSearch: Codable, Sendable {
    public struct Hit: Codable, Sendable {
        public var trackID: String
        public var name: String
        /// `;`-separated, as v_tracks stores them.
        public var artists: String
        /// "Artist, Artist – Title", as the pages show a track.
        public var label: String
    }

    public var query: String
    public var tracks: [Hit]

    public static func run(_ reader: WarehouseReader, text: String, limit: Int = 10) throws -> TrackSearch {
        let trimmed = String(text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        guard trimmed.count >= 2 else { return TrackSearch(query: trimmed, tracks: []) }
        let escaped = trimmed.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        let ids = try String.fetchAll(reader.db, sql: """
            SELECT t.track_id FROM tracks t WHERE t.name LIKE ? ESCAPE '\\'
            ORDER BY (t.name LIKE ? ESCAPE '\\') DESC, \(TrackSQL.latestPopularity(of: "t.track_id")) DESC, t.name, t.track_id
            LIMIT ?
            """, arguments: ["%" + escaped + "%", escaped + "%", limit])
        let names = try TrackName.fetch(reader, ids: ids)
        return TrackSearch(query: trimmed, tracks: ids.compactMap { id in
            names[id].map { Hit(trackID: id, name: $0.name, artists: $0.artists, label: $0.label) }
        })
    }
}
