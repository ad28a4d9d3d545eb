import Core
import GRDB
@_spi(WarehouseSQL) import Store

/// Tells which tracks of a batch of known tracks a newer dump changes, with one join of the whole batch against
/// the stored tracks (the batch goes into a temporary table) instead of two lookups per track: a nightly dump
/// repeats most tracks as they are, and the stored rows are read by SQLite without becoming Swift values.
///
/// The join is a filter that may only err on the side of "changed": the writer compares every track it names
/// with the stored one exactly, row by row, as before. A track it does not name gives nothing the warehouse
/// lacks: every attribute the record carries equals the stored one (an attribute the record lacks keeps the
/// stored value, the newer-dump rule), and so do its credited artists.
final class KnownTrackComparison {
    /// A known track as the batch compares it: the record, with its row in `tracks` and its album and artists
    /// already given their ids.
    struct Candidate {
        var record: TrackRecord
        /// The track's rowid: the join and the update find its row without descending the text index on `track_id`.
        var rowID: Int64
        var albumID: Int64?
        var artistIDs: [Int64]
    }

    private let db: Database
    private let insert: BulkStatement

    /// Creates the temporary table, inside the caller's transaction (a rollback takes it away with the load).
    init(db: Database) throws {
        self.db = db
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS known_track_batch (
                track_rowid INTEGER NOT NULL, track_id TEXT NOT NULL, name TEXT NOT NULL, album_id INTEGER, duration_ms INTEGER, explicit INTEGER,
                release_date TEXT, release_year INTEGER, artists TEXT, popularity INTEGER,
                danceability REAL, energy REAL, key INTEGER, loudness REAL, mode INTEGER, speechiness REAL,
                acousticness REAL, instrumentalness REAL, liveness REAL, valence REAL, tempo REAL, time_signature INTEGER)
            """)
        try db.execute(sql: "DELETE FROM temp.known_track_batch")
        insert = try BulkStatement(db, sql: "INSERT INTO temp.known_track_batch VALUES (\(Array(repeating: "?", count: 22).joined(separator: ", ")))")
    }

    /// Marks every candidate's track as seen by `ingestID` (`last_ingest_id`), writes its popularity reading, and
    /// returns the ids of those whose stored attributes, features or artists the record may change.
    func markSeen(_ candidates: [Candidate], ingestID: Int64) throws -> Set<String> {
        try db.execute(sql: "DELETE FROM temp.known_track_batch")
        for candidate in candidates {
            let r = candidate.record, f = r.features
            try insert.bind(candidate.rowID).bind(r.trackID).bind(r.name).bind(candidate.albumID.map(Int.init)).bind(r.durationMs).bind(r.explicit)
                .bind(r.releaseDate).bind(r.releaseYear).bind(Self.artistKey(candidate.artistIDs)).bind(r.popularity)
                .bind(f.danceability).bind(f.energy).bind(f.key).bind(f.loudness).bind(f.mode).bind(f.speechiness)
                .bind(f.acousticness).bind(f.instrumentalness).bind(f.liveness).bind(f.valence).bind(f.tempo)
                .bind(f.timeSignature).run()
        }
        // An attribute the record lacks (NULL) keeps the stored one: coalesce(new, stored) is what an update would store.
        let features = ["danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness", "instrumentalness",
                        "liveness", "valence", "tempo", "time_signature"]
            .map { "coalesce(b.\($0), f.\($0)) IS NOT f.\($0)" }.joined(separator: " OR ")
        let changed = try String.fetchSet(db, sql: """
            SELECT b.track_id FROM temp.known_track_batch b
            JOIN tracks t ON t.rowid = b.track_rowid
            LEFT JOIN audio_features f ON f.track_id = b.track_id
            WHERE b.name IS NOT t.name
               OR coalesce(b.album_id, t.album_id) IS NOT t.album_id
               OR coalesce(b.duration_ms, t.duration_ms) IS NOT t.duration_ms
               OR coalesce(b.explicit, t.explicit) IS NOT t.explicit
               OR coalesce(b.release_date, t.release_date) IS NOT t.release_date
               OR coalesce(b.release_year, t.release_year) IS NOT t.release_year
               OR \(features)
               OR b.artists IS NOT (SELECT group_concat(ta.position || ':' || ta.artist_id, ',')
                                    FROM track_artists ta WHERE ta.track_id = b.track_id)
            """)
        try db.execute(sql: """
            UPDATE tracks SET last_ingest_id = ? WHERE rowid IN (SELECT track_rowid FROM temp.known_track_batch)
            """, arguments: [ingestID])
        // Their popularity readings in one statement, in the index's order (the candidates carry the file's highest).
        try db.execute(sql: """
            INSERT INTO popularity_observations (track_id, ingest_id, popularity)
            SELECT track_id, ?, popularity FROM temp.known_track_batch WHERE popularity IS NOT NULL ORDER BY track_id
            """, arguments: [ingestID])
        return changed
    }

    /// Drops the temporary table (the writer is done with it).
    func drop() throws {
        try db.execute(sql: "DROP TABLE IF EXISTS temp.known_track_batch")
    }

    /// "1:12,2:45" for artists 12 and 45 in that order, as the join spells the stored ones; NULL for none. Positions
    /// are spelled out, so stored rows met in another order read as a change (then checked exactly), never as a match.
    static func artistKey(_ ids: [Int64]) -> String? {
        ids.isEmpty ? nil : ids.enumerated().map { "\($0.offset + 1):\($0.element)" }.joined(separator: ",")
    }
}
