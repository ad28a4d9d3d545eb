import Foundation

/// A track with what playlist building needs: its audio features and how to name it.
public struct PlaylistTrack: Sendable, Equatable {
    public var trackID: String
    public var name: String
    public var artists: [String]
    public var durationMS: Int?
    /// A `jb-` id made from artist and title, not a Spotify id.
    public var idIsDerived: Bool
    /// Raw values of `TrackFeature.audio`, in its order.
    public var features: [Double]
    public var key: Int?
    public var mode: Int?

    public var camelot: CamelotCode? {
        guard let key, let mode else { return nil }
        return CamelotCode(key: key, mode: mode)
    }

    public func value(_ feature: TrackFeature) -> Double {
        features[TrackFeature.audio.firstIndex(of: feature)!]
    }
}
