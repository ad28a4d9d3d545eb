/// Spotify's audio analysis of a track, the one list every part of Jukebox reads its names and ranges from.
public enum AudioFeature: String, CaseIterable, Sendable, Codable {
    case danceability, energy, key, loudness, mode, speechiness, acousticness, instrumentalness, liveness, valence, tempo
    case timeSignature = "time_signature"

    /// The column name in dumps, tables and views.
    public var column: String { rawValue }

    /// The values a dump may give (Ingest rejects others).
    public var range: ClosedRange<Double> {
        switch self {
        case .key: return -1...11
        case .mode: return 0...1
        case .loudness: return -100...20
        case .tempo: return 0...1000
        case .timeSignature: return 0...7
        default: return 0...1
        }
    }

    /// Key, mode and time signature are whole numbers.
    public var isInteger: Bool { self == .key || self == .mode || self == .timeSignature }

    /// The nine continuous features, how a track sounds: clusters, neighbours, recommendations and playlists
    /// measure distances here (standardized).
    public static let continuous: [AudioFeature] = [
        .danceability, .energy, .loudness, .speechiness, .acousticness, .instrumentalness, .liveness, .valence, .tempo,
    ]

    /// The columns the genre and popularity models read, in the order their stored models name them: the audio
    /// measurements, the duration, the time signature and the explicit flag.
    public static let modelColumns: [String] =
        allCases.filter { $0 != .timeSignature }.map(\.column) + ["duration_ms", AudioFeature.timeSignature.column, "explicit"]
}
