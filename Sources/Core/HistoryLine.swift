/// One line of a listening history given to `recommend --history`: what it names and how much it counts.
public struct HistoryLine: Sendable, Equatable {
    /// An id, a Spotify link, "artist - title" or a title; nil when the line names nothing.
    public var query: String?
    /// Another way to name the track, tried when `query` matches none (a play's "artist - title" behind its Spotify id).
    public var fallback: String?
    public var weight: Double
    /// How the line is shown when it matches no track.
    public var label: String

    public init(query: String?, fallback: String? = nil, weight: Double = 1, label: String) {
        self.query = query
        self.fallback = fallback
        self.weight = weight
        self.label = label
    }
}
