/// What a playlist should sound like: a genre or cluster, a seed track, a mood, or a mix of them.
public struct PlaylistRequest: Sendable {
    /// Only tracks filed under this genre (name as typed).
    public var genre: String?
    /// Only tracks the champion clusters model put in this cluster (`jukebox train clusters`).
    public var cluster: Int?
    /// A Spotify id or "artist - title"; it opens the playlist and the rest sound like it.
    public var seed: String?
    /// Target raw values, e.g. [.valence: 0.8, .energy: 0.7]; any subset of the audio features.
    public var mood: [TrackFeature: Double]
    public var count: Int

    public init(genre: String? = nil, cluster: Int? = nil, seed: String? = nil, mood: [TrackFeature: Double] = [:],
                count: Int = 20) {
        self.genre = genre
        self.cluster = cluster
        self.seed = seed
        self.mood = mood
        self.count = count
    }
}
