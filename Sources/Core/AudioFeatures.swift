/// Spotify's audio analysis of one track. Every field is optional because some dumps lack some columns.
public struct AudioFeatures: Sendable, Equatable, Hashable {
    public var danceability: Double?
    public var energy: Double?
    public var key: Int?
    public var loudness: Double?
    public var mode: Int?
    public var speechiness: Double?
    public var acousticness: Double?
    public var instrumentalness: Double?
    public var liveness: Double?
    public var valence: Double?
    public var tempo: Double?
    public var timeSignature: Int?

    public init() {}

    /// True when the dump gave none of the nine continuous features (a metadata-only track): no audio model may
    /// answer for it, since it would answer from nothing.
    public var isEmpty: Bool {
        [danceability, energy, loudness, speechiness, acousticness, instrumentalness, liveness, valence, tempo].allSatisfy { $0 == nil }
    }
}
