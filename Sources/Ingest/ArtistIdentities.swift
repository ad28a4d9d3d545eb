import GRDB
@_spi(WarehouseSQL) import Store

/// Which artist holds which Spotify artist id (`artists.spotify_artist_id`), inside the caller's transaction. An
/// artist is one name in the warehouse: it keeps the first id a dump gives for that name, and an id already held by
/// another artist (a namesake, a renamed artist) is not given twice. Uniqueness rests on this bookkeeping, so a bulk
/// load can rebuild the unique index at the end without refusing.
final class ArtistIdentities {
    private let db: Database
    private var loaded = false
    private var artistBySpotifyID: [String: Int64] = [:]
    private var spotifyIDByArtist: [Int64: String] = [:]
    private var setSpotifyID: BulkStatement?

    init(db: Database) {
        self.db = db
    }

    /// The artist holding a Spotify id, if any.
    func artist(spotifyID: String) throws -> Int64? {
        try load()
        return artistBySpotifyID[spotifyID]
    }

    /// The Spotify id an artist holds, if any.
    func spotifyID(artist: Int64) throws -> String? {
        try load()
        return spotifyIDByArtist[artist]
    }

    /// Gives the artist this id unless the artist has one or the id is another artist's; true when it did.
    @discardableResult
    func assign(_ spotifyID: String, to artist: Int64) throws -> Bool {
        try load()
        guard spotifyIDByArtist[artist] == nil, artistBySpotifyID[spotifyID] == nil else { return false }
        if setSpotifyID == nil { setSpotifyID = try BulkStatement(db, sql: "UPDATE artists SET spotify_artist_id = ? WHERE artist_id = ?") }
        try setSpotifyID!.bind(spotifyID).bind(artist).run()
        artistBySpotifyID[spotifyID] = artist
        spotifyIDByArtist[artist] = spotifyID
        return true
    }

    /// Read once, on first use: a dump without artist ids never pays for it.
    private func load() throws {
        guard !loaded else { return }
        loaded = true
        for row in try Row.fetchAll(db, sql: "SELECT artist_id, spotify_artist_id FROM artists WHERE spotify_artist_id IS NOT NULL") {
            artistBySpotifyID[row[1]] = row[0]
            spotifyIDByArtist[row[0]] = row[1]
        }
    }
}
