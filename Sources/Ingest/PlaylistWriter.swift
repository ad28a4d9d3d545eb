import GRDB
@_spi(WarehouseSQL) import Store

/// Writes the playlist membership of one file, inside the caller's transaction. The first row of a playlist in
/// the file replaces its stored members (a newer dump of a playlist is the playlist as it now is); members get
/// positions in the order the file lists them, and a track is a member of a playlist once.
final class PlaylistWriter {
    private let db: Database
    private let ingestID: Int64
    /// Playlists met in this file: their row, next position, members and the genre labels seen.
    private var playlists: [String: Playlist] = [:]
    private let insertMember: BulkStatement

    private struct Playlist {
        var playlistID: Int64
        var nextPosition = 1
        var positions: Set<Int> = []
        var trackIDs: Set<String> = []
        var genres: [String] = []
        var subgenres: [String] = []
    }

    private(set) var memberships = 0

    /// The places a source may give a member (a sane bound on any playlist, so that no place overflows); a place
    /// outside them goes to the next free one, like a repeated place.
    static let positions = 1...1_000_000

    init(db: Database, ingestID: Int64) throws {
        self.db = db
        self.ingestID = ingestID
        insertMember = try BulkStatement(db, sql: "INSERT INTO playlist_tracks (playlist_id, position, track_id, added_at) VALUES (?, ?, ?, ?)")
    }

    /// Playlists this file gave members to.
    var playlistCount: Int { playlists.count }

    /// `position`: the member's place as the source numbers it (1-based; the Million Playlist Dataset's `pos` + 1),
    /// else the next place in file order.
    func add(trackID: String, to membership: PlaylistMembership, position: Int? = nil) throws {
        var playlist = try playlists[membership.key] ?? open(membership)
        // A dump may list a playlist under several genre labels (TidyTuesday's did): the playlist keeps them all.
        var relabel = false
        if let genre = membership.genre, !playlist.genres.contains(genre) { playlist.genres.append(genre); relabel = true }
        if let subgenre = membership.subgenre, !playlist.subgenres.contains(subgenre) { playlist.subgenres.append(subgenre); relabel = true }
        if relabel {
            try db.execute(sql: "UPDATE playlists SET genre = ?, subgenre = ? WHERE playlist_id = ?",
                           arguments: [Self.joined(playlist.genres), Self.joined(playlist.subgenres), playlist.playlistID])
        }
        // A position given twice (a source that repeats one), or out of bounds, goes to the next free place instead.
        let place = position.flatMap { !Self.positions.contains($0) || playlist.positions.contains($0) ? nil : $0 } ?? playlist.nextPosition
        if playlist.trackIDs.insert(trackID).inserted {
            try insertMember.bind(playlist.playlistID).bind(place).bind(trackID).bind(membership.addedAt).run()
            playlist.positions.insert(place)
            playlist.nextPosition = max(playlist.nextPosition, place + 1)
            memberships += 1
        }
        playlists[membership.key] = playlist
    }

    /// Opens a playlist before (or without) its first member: a source that lists a playlist with no tracks now
    /// empties it too.
    func begin(_ membership: PlaylistMembership) throws {
        if playlists[membership.key] == nil { playlists[membership.key] = try open(membership) }
    }

    /// The playlist's row (created, or renamed and emptied when a dump loaded it before).
    private func open(_ membership: PlaylistMembership) throws -> Playlist {
        if let id = try Int64.fetchOne(db, sql: "SELECT playlist_id FROM playlists WHERE playlist_key = ?", arguments: [membership.key]) {
            try db.execute(sql: "DELETE FROM playlist_tracks WHERE playlist_id = ?", arguments: [id])
            try db.execute(sql: "UPDATE playlists SET name = ?, spotify_playlist_id = ?, genre = NULL, subgenre = NULL, ingest_id = ? WHERE playlist_id = ?",
                           arguments: [membership.name, membership.spotifyPlaylistID, ingestID, id])
            return Playlist(playlistID: id)
        }
        try db.execute(sql: "INSERT INTO playlists (playlist_key, spotify_playlist_id, name, ingest_id) VALUES (?, ?, ?, ?)",
                       arguments: [membership.key, membership.spotifyPlaylistID, membership.name, ingestID])
        return Playlist(playlistID: db.lastInsertedRowID)
    }

    private static func joined(_ labels: [String]) -> String? { labels.isEmpty ? nil : labels.joined(separator: ";") }
}
