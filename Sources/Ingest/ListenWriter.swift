import Core
import GRDB
@_spi(WarehouseSQL) import Store

/// Writes the plays of one history file inside the caller's transaction, each linked to its track when the
/// warehouse has it. A play already stored is counted and not stored again: the same listener, time, track and
/// milliseconds (an overlapping export of the same kind), the same play in the other kind of Spotify export (see
/// `PlayInBothExports`), or the same play from another source (see `PlayInTwoSources`: the richer copy is kept).
final class ListenWriter {
    /// What became of a play.
    enum Written: Equatable {
        case stored(matched: Bool, replacedPoorerCopyOf: String?)
        /// Not stored: the copy kept is from this source.
        case duplicate(of: String)
    }

    private let db: Database
    private let ingestID: Int64
    private let insertListen: BulkStatement
    private var matcher: PlayMatcher?
    private var knownTrackIDs: [String: Bool] = [:]

    private(set) var stored = 0
    private(set) var alreadyStored = 0
    private(set) var matched = 0

    init(db: Database, ingestID: Int64) throws {
        self.db = db
        self.ingestID = ingestID
        insertListen = try BulkStatement(db, sql: """
            INSERT OR IGNORE INTO listens (listener, played_at, played_at_precision, ms_played, song_key, track_id, spotify_track_id,
                artist_name, track_name, album_name, reason_start, reason_end, shuffle, skipped, offline, incognito_mode, ingest_id,
                source, played_at_means, ms_played_source, started_at_s)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertPodcast = try BulkStatement(db, sql: """
            INSERT OR IGNORE INTO podcast_plays (listener, played_at, ms_played, show_name, episode_name, spotify_episode_id, source, ingest_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    private let insertPodcast: BulkStatement

    /// A podcast episode's play, in its own table; whether it was new (an overlapping export repeats it).
    func add(_ podcast: PodcastPlay) throws -> Bool {
        try insertPodcast.bind(podcast.listener).bind(podcast.playedAt).bind(podcast.msPlayed).bind(podcast.showName)
            .bind(podcast.episodeName).bind(podcast.spotifyEpisodeID).bind(podcast.source.rawValue).bind(ingestID).run()
        return db.changesCount > 0
    }

    @discardableResult
    func add(_ listen: Listen) throws -> Written {
        let trackID = try match(listen)
        try insertListen.bind(listen.listener).bind(listen.playedAt).bind(listen.playedAtToTheMinute ? "minute" : "second")
            .bind(listen.msPlayed).bind(listen.songKey).bind(trackID).bind(listen.spotifyTrackID).bind(listen.artistName)
            .bind(listen.trackName).bind(listen.albumName).bind(listen.reasonStart).bind(listen.reasonEnd).bind(listen.shuffle)
            .bind(listen.skipped).bind(listen.offline).bind(listen.incognitoMode).bind(ingestID)
            .bind(listen.source.rawValue).bind(listen.source.timeMeans.rawValue).bind(listen.msPlayedSource.rawValue)
            .bind(listen.startedAtSeconds).run()
        guard db.changesCount > 0 else {
            alreadyStored += 1
            return .duplicate(of: listen.source.rawValue)
        }
        let inserted = db.lastInsertedRowID
        if let counterpart = try PlayInBothExports.storedCounterpart(db, of: listen) {
            // Stored once, as the extended export gives it (to the second, with its URI and flags).
            try db.execute(sql: "DELETE FROM listens WHERE listen_id = ?", arguments: [listen.playedAtToTheMinute ? inserted : counterpart])
            alreadyStored += 1
            return .duplicate(of: HistorySource.spotifyExtended.rawValue)
        }
        var replaced: String?
        if let other = try PlayInTwoSources.storedCounterpart(db, of: listen, insertedAs: inserted) {
            if other.richness >= listen.richness {
                try db.execute(sql: "DELETE FROM listens WHERE listen_id = ?", arguments: [inserted])
                try PlayInTwoSources.recordDuplicate(db, kept: other.listenID, source: listen.source.rawValue, ingestID: ingestID)
                alreadyStored += 1
                return .duplicate(of: other.source)
            }
            try PlayInTwoSources.replace(db, poorer: other, by: inserted)
            replaced = other.source
        }
        stored += 1
        if trackID != nil { matched += 1 }
        return .stored(matched: trackID != nil, replacedPoorerCopyOf: replaced)
    }

    /// The URI's track when the warehouse has it; else (no URI, or one no track has) the same song by artist and title.
    private func match(_ listen: Listen) throws -> String? {
        if let id = listen.spotifyTrackID {
            let known: Bool
            if let cached = knownTrackIDs[id] {
                known = cached
            } else {
                known = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tracks WHERE track_id = ?)", arguments: [id]) ?? false
                knownTrackIDs[id] = known
            }
            if known { return id }
        }
        if matcher == nil { matcher = try PlayMatcher(db) }
        return matcher?.match(spotifyID: nil, title: listen.trackName, artist: listen.artistName)
    }
}

/// The one rule for a play present in both kinds of Spotify export: account data (`endTime` to the minute, no URI)
/// and the extended history (`ts` to the second, a URI). Two plays are the same play when they are the same
/// listener's, one is to the minute and the other to the second, the second-precise end time falls within that
/// minute, they are the same song by `SameSong` (title and artist, without case, accents or version suffix), and
/// their milliseconds played differ by at most `msTolerance`. When several stored plays qualify, the nearest in
/// milliseconds is the one.
enum PlayInBothExports {
    /// Milliseconds two exports of one play may differ by.
    static let msTolerance = 1_000

    /// The stored play of the other precision that is `listen`, if any.
    static func storedCounterpart(_ db: Database, of listen: Listen) throws -> Int64? {
        guard !listen.trackName.isEmpty, listen.source.service == "spotify" else { return nil }
        let minute = String(listen.playedAt.prefix(16))   // YYYY-MM-DDTHH:MM
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT listen_id, artist_name, track_name, ms_played FROM listens
            WHERE listener = ? AND played_at BETWEEN ? AND ? AND played_at_precision = ? AND abs(ms_played - ?) <= ?
              AND source LIKE 'spotify%'
            ORDER BY abs(ms_played - ?), listen_id
            """), arguments: [listen.listener, minute, minute + "~", listen.playedAtToTheMinute ? "second" : "minute",
                              listen.msPlayed, msTolerance, listen.msPlayed])
        let song = SameSong.key(title: listen.trackName, leadArtist: listen.artistName ?? "")
        return rows.first { SameSong.key(title: $0["track_name"], leadArtist: ($0["artist_name"] as String?) ?? "") == song }?["listen_id"]
    }
}
