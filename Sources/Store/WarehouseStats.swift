import GRDB

/// What the warehouse holds, as counts (`jukebox stats`).
public struct WarehouseStats: Sendable, Equatable, Codable {
    public var tracks: Int
    public var artists: Int
    public var albums: Int
    public var genres: Int
    public var trackGenres: Int
    public var popularityObservations: Int
    public var tracksWithReleaseYear: Int
    /// Tracks with Spotify's audio features (all nine continuous ones); the rest came from metadata-only dumps.
    public var tracksWithAudio: Int
    public var playlists: Int
    public var listens: Int
    public var ingests: Int
    public var rejects: Int

    enum CodingKeys: String, CodingKey {
        case tracks, artists, albums, genres
        case trackGenres = "track_genres"
        case popularityObservations = "popularity_observations"
        case tracksWithReleaseYear = "tracks_with_release_year"
        case tracksWithAudio = "tracks_with_audio", playlists, listens
        case ingests, rejects
    }

    /// Ordered (name, value) pairs for table output; names match the JSON keys.
    public var fields: [(String, Int)] {
        [("tracks", tracks), ("artists", artists), ("albums", albums), ("genres", genres),
         ("track_genres", trackGenres), ("popularity_observations", popularityObservations),
         ("tracks_with_release_year", tracksWithReleaseYear), ("tracks_with_audio", tracksWithAudio), ("playlists", playlists),
         ("listens", listens), ("ingests", ingests), ("rejects", rejects)]
    }

    @_spi(WarehouseSQL) public static func fetch(_ db: Database) throws -> WarehouseStats {
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
        return WarehouseStats(
            tracks: try count("SELECT count(*) FROM tracks"),
            artists: try count("SELECT count(*) FROM artists"),
            albums: try count("SELECT count(*) FROM albums"),
            genres: try count("SELECT count(*) FROM genres"),
            trackGenres: try count("SELECT count(*) FROM track_genres"),
            popularityObservations: try count("SELECT count(*) FROM popularity_observations"),
            tracksWithReleaseYear: try count("SELECT count(*) FROM tracks WHERE release_year IS NOT NULL"),
            tracksWithAudio: try count("SELECT count(*) FROM v_audio_features"),
            playlists: try count("SELECT count(*) FROM playlists"),
            listens: try count("SELECT count(*) FROM listens"),
            ingests: try count("SELECT count(*) FROM ingests"),
            rejects: try count("SELECT count(*) FROM rejects"))
    }
}
