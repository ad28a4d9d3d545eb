import Core
import GRDB

/// Finds the warehouse's track for a play: by its Spotify id when the export gives one and the warehouse holds that
/// track, else (no URI, or a URI no track has) by artist and title
/// under the one "same song" rule (`SameSong`: no case, accents or version suffix; any credited artist). When
/// several tracks are the same song, a Spotify id wins over a derived `jb-` id, then the smallest id.
struct ListenMatcher {
    private var bySong: [String: String] = [:]
    /// For a play with no artist (Apple Music's play activity often has none): the one song with that title, or nil
    /// when several songs share it (the map holds "" then).
    private var byTitle: [String: String] = [:]
    private var titleArtists: [String: Set<String>] = [:]

    /// Every track, or only the tracks an ingest wrote (`ingestID`, for linking after that ingest).
    init(_ db: Database, tracksOfIngest ingestID: Int64? = nil) throws {
        let filter = ingestID.map { "WHERE t.last_ingest_id = \($0)" } ?? ""
        let rows = try Row.fetchCursor(db, sql: """
            SELECT t.track_id, t.name, a.name FROM tracks t
            JOIN track_artists ta ON ta.track_id = t.track_id JOIN artists a ON a.artist_id = ta.artist_id
            \(filter) ORDER BY t.id_is_derived, t.track_id
            """)
        while let row = try rows.next() {
            let key = SameSong.key(title: row[1], leadArtist: row[2])
            if bySong[key] == nil { bySong[key] = row[0] }
            // The first track of a title, with its credits; another track of that title by none of them is another song.
            let title = SameSong.title(row[1]), artist = SameSong.artist(row[2]), trackID: String = row[0]
            if let known = byTitle[title] {
                if known == trackID { titleArtists[title, default: []].insert(artist) }
                else if !known.isEmpty, titleArtists[title]?.contains(artist) != true { byTitle[title] = "" }
            } else {
                byTitle[title] = trackID
                titleArtists[title] = [artist]
            }
        }
    }

    func trackID(title: String, artist: String?) -> String? {
        guard let artist, !artist.isEmpty else { return byTitle[SameSong.title(title)].flatMap { $0.isEmpty ? nil : $0 } }
        return bySong[SameSong.key(title: title, leadArtist: artist)]
    }

    /// Links plays no track matched yet to the tracks an ingest wrote; returns how many plays it linked.
    static func linkWaitingListens(_ db: Database, ingestID: Int64) throws -> Int {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM listens WHERE track_id IS NULL)") == true else { return 0 }
        try db.execute(sql: """
            UPDATE listens SET track_id = spotify_track_id
            WHERE track_id IS NULL AND spotify_track_id IN (SELECT track_id FROM tracks WHERE last_ingest_id = ?)
            """, arguments: [ingestID])
        var linked = db.changesCount
        // Plays still waiting, with or without a URI, by artist and title.
        let waiting = try Row.fetchAll(db, sql: """
            SELECT DISTINCT artist_name, track_name FROM listens WHERE track_id IS NULL
            """)
        guard !waiting.isEmpty else { return linked }
        let matcher = try ListenMatcher(db, tracksOfIngest: ingestID)
        for row in waiting {
            let artist: String? = row[0]
            let title: String = row[1]
            guard let trackID = matcher.trackID(title: title, artist: artist) else { continue }
            try db.execute(sql: """
                UPDATE listens SET track_id = ? WHERE track_id IS NULL AND artist_name IS ? AND track_name = ?
                """, arguments: [trackID, artist, title])
            linked += db.changesCount
        }
        return linked
    }
}
