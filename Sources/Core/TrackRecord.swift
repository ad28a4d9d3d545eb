/// One validated row of a dump, in the warehouse's vocabulary, before it is normalized into tables.
public struct TrackRecord: Sendable, Equatable, Hashable {
    public var trackID: String
    /// True when the dump had no Spotify id and `trackID` was derived from artist and title.
    public var idIsDerived: Bool
    public var name: String
    /// Credited artists in order.
    public var artists: [String]
    public var albumName: String?
    public var spotifyAlbumID: String?
    public var genres: [String]
    /// Genres of the track's artists as the dump gives them (Exportify's `Genres`/`Artist Genres`): they describe
    /// the artists, and are stored as artist genres, never as the track's tags.
    public var artistGenres: [String] = []
    /// Spotify's ids of the credited artists, in the order of `artists`, when the dump gives one for each
    /// (Kaggle's `artist_ids`/`id_artists`, Exportify's `Artist URI(s)`, the Million Playlist Dataset); else empty.
    public var artistSpotifyIDs: [String] = []
    public var popularity: Int?
    public var durationMs: Int?
    public var explicit: Bool?
    /// YYYY, YYYY-MM or YYYY-MM-DD, as precise as the dump gives it.
    public var releaseDate: String?
    public var releaseYear: Int?
    public var features: AudioFeatures

    public init(
        trackID: String, idIsDerived: Bool = false, name: String, artists: [String],
        albumName: String? = nil, spotifyAlbumID: String? = nil, genres: [String] = [],
        popularity: Int? = nil, durationMs: Int? = nil, explicit: Bool? = nil,
        releaseDate: String? = nil, releaseYear: Int? = nil, features: AudioFeatures = AudioFeatures()
    ) {
        self.trackID = trackID
        self.idIsDerived = idIsDerived
        self.name = name
        self.artists = artists
        self.albumName = albumName
        self.spotifyAlbumID = spotifyAlbumID
        self.genres = genres
        self.popularity = popularity
        self.durationMs = durationMs
        self.explicit = explicit
        self.releaseDate = releaseDate
        self.releaseYear = releaseYear
        self.features = features
    }
}

extension TrackRecord {
    /// What identifies the track's album in `albums.album_key`: Spotify's album id when the dump has one, else the
    /// album name with the lead artist. Ingest writes it; prediction and explanations look albums up by it.
    public var albumKey: String? {
        guard let albumName else { return nil }
        return spotifyAlbumID.map { "spotify:" + $0 } ?? (albumName + "\u{1F}" + (artists.first ?? ""))
    }
}

extension TrackRecord {
    /// The record with these artists' Spotify ids; ignored unless there is one per credited artist.
    public func withArtistSpotifyIDs(_ ids: [String]) -> TrackRecord {
        var record = self
        record.artistSpotifyIDs = ids.count == artists.count ? ids : []
        return record
    }

    /// The record with these artist genres.
    public func withArtistGenres(_ genres: [String]) -> TrackRecord {
        var record = self
        record.artistGenres = genres
        return record
    }
}
