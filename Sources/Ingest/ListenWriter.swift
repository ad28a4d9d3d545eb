import GRDB
import Store

/// Writes the plays of one history file inside the caller's transaction, each linked to its track when the
/// warehouse has it. A play already stored (the same listener, end time, track and milliseconds: an overlapping
/// export) is counted and not stored again.
final class ListenWriter {
    private let db: Database
    private let ingestID: Int64
    private let insertListen: BulkStatement
    private let insertReject: BulkStatement
    private var matcher: ListenMatcher?
    private var knownTrackIDs: [String: Bool] = [:]

    private(set) var stored = 0
    private(set) var alreadyStored = 0
    private(set) var matched = 0

    init(db: Database, ingestID: Int64) throws {
        self.db = db
        self.ingestID = ingestID
        insertListen = try BulkStatement(db, sql: """
            INSERT OR IGNORE INTO listens (listener, played_at, ms_played, song_key, track_id, spotify_track_id, artist_name, track_name,
                album_name, reason_start, reason_end, shuffle, skipped, offline, incognito_mode, ingest_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertReject = try BulkStatement(db, sql: "INSERT INTO rejects (ingest_id, line_number, raw_line, reason) VALUES (?, ?, ?, ?)")
    }

    func add(_ listen: Listen) throws {
        let trackID = try match(listen)
        try insertListen.bind(listen.listener).bind(listen.playedAt).bind(listen.msPlayed).bind(listen.songKey).bind(trackID)
            .bind(listen.spotifyTrackID).bind(listen.artistName).bind(listen.trackName).bind(listen.albumName)
            .bind(listen.reasonStart).bind(listen.reasonEnd).bind(listen.shuffle).bind(listen.skipped).bind(listen.offline)
            .bind(listen.incognitoMode).bind(ingestID).run()
        if db.changesCount > 0 {
            stored += 1
            if trackID != nil { matched += 1 }
        } else {
            alreadyStored += 1
        }
    }

    func reject(lineNumber: Int, rawLine: String, reason: String) throws {
        try insertReject.bind(ingestID).bind(lineNumber).bind(rawLine).bind(reason).run()
    }

    private func match(_ listen: Listen) throws -> String? {
        if let id = listen.spotifyTrackID {
            if let known = knownTrackIDs[id] { return known ? id : nil }
            let known = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tracks WHERE track_id = ?)", arguments: [id]) ?? false
            knownTrackIDs[id] = known
            return known ? id : nil
        }
        if matcher == nil { matcher = try ListenMatcher(db) }
        return matcher?.trackID(title: listen.trackName, artist: listen.artistName)
    }
}
