/// An ordered playlist and the seed it grew from, if any.
public struct Playlist: Sendable, Equatable {
    public var tracks: [PlaylistTrack]
    public var seed: TrackMatch?
    /// Sum of `TransitionCost` over consecutive tracks.
    public var transitionCost: Double
}
