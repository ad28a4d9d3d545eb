/// The warehouse's names for what a dump's columns can hold. `--map SOURCE=TARGET` takes these as TARGET.
public enum TrackField: String, CaseIterable, Sendable {
    case trackID = "track_id"
    case trackName = "track_name"
    case artists
    case albumName = "album_name"
    case albumID = "album_id"
    case genre
    case popularity
    case durationMs = "duration_ms"
    case explicit
    case releaseDate = "release_date"
    case year
    case danceability, energy, key, loudness, mode, speechiness, acousticness
    case instrumentalness, liveness, valence, tempo
    case timeSignature = "time_signature"
    /// Playlist membership (a playlist dump, an exported playlist) and artist-level genres.
    case playlistID = "playlist_id"
    case playlistName = "playlist_name"
    case playlistGenre = "playlist_genre"
    case playlistSubgenre = "playlist_subgenre"
    case addedAt = "added_at"
    case artistGenres = "artist_genres"
    /// Spotify's ids of the credited artists (a Python-list literal, or comma-separated URIs).
    case artistIDs = "artist_ids"

    /// Header spellings of common Spotify exports, most specific first.
    var headerAliases: [String] {
        switch self {
        case .trackID: return ["track_id", "id", "spotify_id", "track_uri", "uri"]
        case .trackName: return ["track_name", "name", "song", "title", "song_name", "track"]
        case .artists: return ["artists", "artist", "track_artist", "artist_name", "artist_names", "artists_names", "artist_name(s)"]
        case .albumName: return ["album_name", "track_album_name", "album"]
        case .albumID: return ["album_id", "track_album_id", "album_uri"]
        // `playlist_genre` is a track's genre only in a dump without playlist ids (see HeaderMapping).
        case .genre: return ["track_genre", "genre", "genres", "playlist_genre"]
        case .popularity: return ["popularity", "track_popularity"]
        case .durationMs: return ["duration_ms", "duration_(ms)", "track_duration_(ms)"]
        case .playlistName: return ["playlist_name", "playlist"]
        case .explicit: return ["explicit", "explicit?"]
        case .releaseDate: return ["release_date", "track_album_release_date", "album_release_date"]
        case .year: return ["year", "release_year"]
        case .artistIDs: return ["artist_ids", "id_artists", "artist_uri(s)", "artist_uris"]
        default: return [rawValue]
        }
    }

    /// Position in `allCases`. The per-row code looks columns up by it in an array: a dictionary keyed by
    /// the enum would hash its raw string for every field of every row.
    var ordinal: Int {
        switch self {
        case .trackID: return 0
        case .trackName: return 1
        case .artists: return 2
        case .albumName: return 3
        case .albumID: return 4
        case .genre: return 5
        case .popularity: return 6
        case .durationMs: return 7
        case .explicit: return 8
        case .releaseDate: return 9
        case .year: return 10
        case .danceability: return 11
        case .energy: return 12
        case .key: return 13
        case .loudness: return 14
        case .mode: return 15
        case .speechiness: return 16
        case .acousticness: return 17
        case .instrumentalness: return 18
        case .liveness: return 19
        case .valence: return 20
        case .tempo: return 21
        case .timeSignature: return 22
        case .playlistID: return 23
        case .playlistName: return 24
        case .playlistGenre: return 25
        case .playlistSubgenre: return 26
        case .addedAt: return 27
        case .artistGenres: return 28
        case .artistIDs: return 29
        }
    }

    static let audioFeatures: [TrackField] = [
        .danceability, .energy, .key, .loudness, .mode, .speechiness, .acousticness,
        .instrumentalness, .liveness, .valence, .tempo, .timeSignature,
    ]
}
