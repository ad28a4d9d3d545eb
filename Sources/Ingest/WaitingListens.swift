import Core
import GRDB
@_spi(WarehouseSQL) import Store

/// Links waiting plays to the tracks an ingest wrote, by the one play rule (`PlayMatcher`).
enum WaitingListens {
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
        let matcher = try PlayMatcher(db, tracksOfIngest: ingestID)
        for row in waiting {
            let artist: String? = row[0]
            let title: String = row[1]
            guard let trackID = matcher.match(spotifyID: nil, title: title, artist: artist) else { continue }
            try db.execute(sql: """
                UPDATE listens SET track_id = ? WHERE track_id IS NULL AND artist_name IS ? AND track_name = ?
                """, arguments: [trackID, artist, title])
            linked += db.changesCount
        }
        return linked
    }
}
