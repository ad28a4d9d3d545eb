import Core
import GRDB

/// The one rule for a play two sources exported (Spotify's history scrobbled to Last.fm or ListenBrainz, ...): the
/// same listener, the same song (titles match by `SameSong`, and the artists do too, or one credit starts with the
/// other, or a source gave none), from another service, and start times that agree within `tolerance` seconds
/// (plus a minute when a time is to the minute). A start is the stored time for a scrobbler, the end less the
/// milliseconds played for Spotify and Apple Music. The nearest in time is the one, and a stored play stands for
/// at most one play of each other source. The richer copy is kept (`Listen.richness`), the other counted as a
/// duplicate and recorded in `listen_duplicates`.
enum PlayInTwoSources {
    /// Seconds two sources' starts of one play may differ by: a scrobbler stamps the start when the player reports
    /// it; Spotify's end less ms_played rounds down to the second.
    static let tolerance = 90

    struct Stored {
        let listenID: Int64
        let source: String
        let ingestID: Int64
        let richness: Int
    }

    static func storedCounterpart(_ db: Database, of listen: Listen, insertedAs inserted: Int64) throws -> Stored? {
        guard !listen.trackName.isEmpty else { return nil }
        let start = listen.startedAtSeconds
        // Both Spotify exports are one service (an older warehouse's plays say only 'spotify').
        let sameService = listen.source.service == "spotify" ? "spotify%" : listen.source.rawValue
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT listen_id, source, ingest_id, artist_name, track_name, started_at_s, played_at_precision, ms_played_source,
                   spotify_track_id, album_name, reason_end
            FROM listens l
            WHERE listener = ? AND started_at_s BETWEEN ? AND ? AND listen_id != ? AND source NOT LIKE ?
              AND NOT EXISTS (SELECT 1 FROM listen_duplicates d WHERE d.listen_id = l.listen_id AND d.source = ?)
            ORDER BY abs(started_at_s - ?), listen_id
            """), arguments: [listen.listener, start - tolerance - 60, start + tolerance + 60, inserted,
                              sameService, listen.source.rawValue, start])
        let title = SameSong.title(listen.trackName)
        let artist = SameSong.artist(listen.artistName ?? "")
        for row in rows {
            let minute = listen.playedAtToTheMinute || (row["played_at_precision"] as String) == "minute"
            guard abs((row["started_at_s"] as Int) - start) <= tolerance + (minute ? 60 : 0),
                  SameSong.title(row["track_name"]) == title,
                  artistsAgree(artist, SameSong.artist((row["artist_name"] as String?) ?? "")) else { continue }
            let richness = Listen.richness(
                msPlayedSource: Listen.MsPlayedSource(rawValue: row["ms_played_source"]) ?? .played, spotifyTrackID: row["spotify_track_id"],
                albumName: row["album_name"], reasonEnd: row["reason_end"], toTheMinute: (row["played_at_precision"] as String) == "minute")
            return Stored(listenID: row["listen_id"], source: row["source"], ingestID: row["ingest_id"], richness: richness)
        }
        return nil
    }

    /// Folded credits agree when equal, when one starts with the other ("Silk Sonic" and "Silk Sonic, Bruno Mars"), or
    /// when a source gave no artist (Apple Music's play activity often has none).
    static func artistsAgree(_ a: String, _ b: String) -> Bool {
        a.isEmpty || b.isEmpty || a.hasPrefix(b) || b.hasPrefix(a)
    }

    static func recordDuplicate(_ db: Database, kept listenID: Int64, source: String, ingestID: Int64) throws {
        try db.execute(sql: "INSERT INTO listen_duplicates (listen_id, source, ingest_id) VALUES (?, ?, ?)",
                       arguments: [listenID, source, ingestID])
    }

    /// The richer copy `listenID` takes the poorer one's place: its duplicates move over, and it becomes one.
    static func replace(_ db: Database, poorer: Stored, by listenID: Int64) throws {
        try db.execute(sql: "UPDATE listen_duplicates SET listen_id = ? WHERE listen_id = ?", arguments: [listenID, poorer.listenID])
        try recordDuplicate(db, kept: listenID, source: poorer.source, ingestID: poorer.ingestID)
        try db.execute(sql: "DELETE FROM listens WHERE listen_id = ?", arguments: [poorer.listenID])
    }
}
