/// A row's place in a playlist, when its dump carries playlist membership (a playlist dump's `playlist_id`
/// columns, or an exported playlist file, which is one playlist named by its file or `--playlist`).
public struct PlaylistMembership: Sendable, Hashable {
    /// What identifies the playlist in `playlists.playlist_key`: `spotify:` + its Spotify id, else `name:` + its name.
    public var key: String
    public var spotifyPlaylistID: String?
    public var name: String
    /// The playlist's genre and subgenre as the dump labels them (they describe the playlist, not the track).
    public var genre: String?
    public var subgenre: String?
    /// When the track was added to the playlist, as the export writes it (ISO-8601).
    public var addedAt: String?

    public init(key: String, spotifyPlaylistID: String? = nil, name: String, genre: String? = nil, subgenre: String? = nil, addedAt: String? = nil) {
        self.key = key
        self.spotifyPlaylistID = spotifyPlaylistID
        self.name = name
        self.genre = genre
        self.subgenre = subgenre
        self.addedAt = addedAt
    }
}
