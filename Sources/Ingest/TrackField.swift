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

    /// Header spellings of common Spotify exports, most specific first.
    var headerAliases: [String] {
        switch self {
        case .trackID: return ["track_id", "id", "spotify_id", "track_uri", "uri"]
        case .trackName: return ["track_name", "name", "song", "title", "song_name", "track"]
        case .artists: return ["artists", "artist", "track_artist", "artist_name", "artist_names", "artists_names"]
        case .albumName: return ["album_name", "track_album_name", "album"]
        case .albumID: return ["album_id", "track_album_id"]
        case .genre: return ["track_genre", "genre", "genres", "playlist_genre"]
        case .popularity: return ["popularity", "track_popularity"]
        case .durationMs: return ["duration_ms"]
        case .releaseDate: return ["release_date", "track_album_release_date", "album_release_date"]
        case .year: return ["year", "release_year"]
        default: return [rawValue]
        }
    }

    static let audioFeatures: [TrackField] = [
        .danceability, .energy, .key, .loudness, .mode, .speechiness, .acousticness,
        .instrumentalness, .liveness, .valence, .tempo, .timeSignature,
    ]
}
