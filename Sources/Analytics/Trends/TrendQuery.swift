/// What `jukebox trends` was asked: features, grouping and optional filters (names as typed).
public struct TrendQuery: Sendable {
    public var features: [TrackFeature]
    public var grouping: TrendGrouping
    public var genre: String?
    public var artist: String?

    public init(features: [TrackFeature], grouping: TrendGrouping, genre: String? = nil, artist: String? = nil) {
        self.features = features
        self.grouping = grouping
        self.genre = genre
        self.artist = artist
    }
}
