/// The tracks a playlist is made of, before ordering: the seed first (if any), then the nearest
/// tracks by distance to the target, one release per song.
public struct PlaylistCandidates: Sendable {
    public var tracks: [PlaylistTrack]
    public var seed: TrackMatch?
    /// Where the listening order starts: the seed, else the track nearest the middle of the others.
    public var start: Int
}
