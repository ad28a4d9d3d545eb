import Foundation
import GRDB
@_spi(WarehouseSQL) import Store

/// A track's title and artists (`;`-separated, as v_tracks stores them).
public struct TrackName: Sendable {
    public var trackID: String
    public var name: String
    public var artists: String

    /// How the pages name a track: "Artist, Artist – Title".
    public var label: String { Self.label(name: name, artists: artists) }

    public static func label(name: String, artists: String) -> String {
        (artists.isEmpty ? "" : artists.replacingOccurrences(of: ";", with: ", ") + " – ") + name
    }

    /// The names of the given tracks, keyed by id; unknown ids are left out.
    static func fetch(_ db: Database, ids: [String]) throws -> [String: TrackName] {
        var out: [String: TrackName] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT track_id, track_name, artists FROM v_tracks WHERE track_id IN (SELECT value FROM json_each(?))
            """, arguments: [TrackIDs.json(ids)]) {
            let id: String = row["track_id"]
            out[id] = TrackName(trackID: id, name: row["track_name"], artists: row["artists"] ?? "")
        }
        return out
    }

    public static func fetch(_ reader: WarehouseReader, ids: [String]) throws -> [String: TrackName] {
        try fetch(reader.db, ids: ids)
    }
}

/// Track ids as one JSON parameter, for `IN (SELECT value FROM json_each(?))`.
public enum TrackIDs {
    public static func json(_ ids: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(ids), as: UTF8.self)) ?? "[]"
    }
}
