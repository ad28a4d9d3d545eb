import Core

/// The known shapes of a CSV dump, told apart by their header alone (no options needed). A layout decides how
/// names are split and which vocabulary the artist genres it brings are labelled with (`artist_genres.vocabulary`),
/// so the fine genres of one dump and the coarse ones of another never become one label space by accident.
public enum DumpLayout: String, Sendable, Equatable, CaseIterable {
    /// Exportify's playlist exports (both layouts): a `Track URI` and an `Artist Name(s)` column.
    case exportify
    /// Kaggle "Spotify 1.2M+ Songs" (`tracks_features.csv`): `id, name, album, album_id, artists, artist_ids,
    /// track_number, disc_number, ...`, artists as Python-list literals, no popularity.
    case kaggle12M = "kaggle_1.2m_songs"
    /// Kaggle "Spotify Dataset 1921-2020, 600k+ Tracks" (`tracks.csv`): `id, name, popularity, ..., artists,
    /// id_artists, release_date, ...`, artists as Python-list literals.
    case kaggle600k = "kaggle_600k_tracks"
    /// That dump's `artists.csv` (`id, followers, genres, name, popularity`): artists, not tracks. Its genres
    /// carry the vocabulary of the 600k dump, whose tracks link to these artists by Spotify artist id.
    case kaggle600kArtists = "kaggle_600k_artists"
    /// Any other dump whose columns the header aliases map (`spotify_tracks.csv`, the playlist dump, ...).
    case generic = "dump"

    /// Recognises a header row (names compared as `HeaderMapping` compares them).
    public init(header: [String]) {
        let names = Set(header.map(HeaderMapping.normalize))
        if names.contains("track_uri") && names.contains("artist_name(s)") {
            self = .exportify
        } else if names.isSuperset(of: ["id", "name", "artists", "artist_ids", "track_number", "disc_number"]) {
            self = .kaggle12M
        } else if names.isSuperset(of: ["id", "name", "artists", "id_artists"]) {
            self = .kaggle600k
        } else if names.isSuperset(of: ["id", "name", "genres", "followers"]) && names.isDisjoint(with: Self.trackColumns) {
            self = .kaggle600kArtists
        } else {
            self = .generic
        }
    }

    /// Columns only a track dump has: a header with any of them is not a list of artists.
    private static let trackColumns: Set<String> = ["artists", "artist", "track_name", "track_id", "duration_ms", "album", "album_name"]

    /// The label space of the artist genres this layout brings.
    public var vocabulary: String {
        switch self {
        case .kaggle600kArtists: return DumpLayout.kaggle600k.rawValue
        default: return rawValue
        }
    }

    /// Whether the file lists artists (one per row) rather than tracks.
    public var isArtistList: Bool { self == .kaggle600kArtists }
}

extension RowParser {
    /// Artist ids as dumps write them: `['2d0hyoQ5ynDBnkvAbJKORj', ...]` (Kaggle) or `spotify:artist:A, spotify:artist:B`
    /// (Exportify). Empty when any item is not an artist id: the ids are extra knowledge, never a reason to reject.
    public static func splitArtistIDs(_ raw: String) -> [String] {
        let items = pythonList(raw) ?? raw.split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init)
        var ids: [String] = []
        for item in items {
            guard let id = SpotifyID.artist(item.trimmedSpaces) else { return [] }
            ids.append(id)
        }
        return ids
    }
}
