import Core
/// A numeric column of v_tracks that trends and playlists can work with.
public enum TrackFeature: String, CaseIterable, Sendable, Codable {
    case danceability, energy, loudness, speechiness, acousticness, instrumentalness, liveness, valence, tempo
    case popularity
    case durationMS = "duration_ms"

    /// The nine continuous audio features: the space playlists measure similarity in.
    public static let audio: [TrackFeature] = AudioFeature.continuous.map { TrackFeature(rawValue: $0.column)! }

    public var name: String { rawValue }
}
