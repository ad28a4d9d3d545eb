import Core
import GRDB
@_spi(WarehouseSQL) import Store

/// Tracks as a playlist lists them (id, artists, title, duration): what the web app's playlist shows and its M3U holds.
public enum TrackEntries {
    /// The entries of the given tracks, keyed by id; unknown ids are left out.
    public static func fetch(_ reader: WarehouseReader, ids: [String]) throws -> [String: M3UWriter.Entry] {
        var out: [String: M3UWriter.Entry] = [:]
        for row in try Row.fetchAll(reader.db, sql: """
            SELECT track_id, track_name, artists, duration_ms FROM v_tracks WHERE track_id IN (SELECT value FROM json_each(?))
            """, arguments: [TrackIDs.json(ids)]) {
            let id: String = row["track_id"]
            out[id] = M3UWriter.Entry(trackID: id, artists: (row["artists"] as String?)?.split(separator: ";").map(String.init) ?? [],
                                      title: row["track_name"] ?? "", durationMS: row["duration_ms"])
        }
        return out
    }
}
