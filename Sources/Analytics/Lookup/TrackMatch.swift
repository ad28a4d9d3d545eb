/// A track found by `NameLookup.track`.
public struct TrackMatch: Sendable, Equatable {
    public var trackID: String
    public var name: String
    /// Credited artists in order.
    public var artists: [String]

    public var label: String { artists.joined(separator: ", ") + " - " + name }
}
