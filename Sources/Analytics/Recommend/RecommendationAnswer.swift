import Foundation

/// One recommended track, its blended score, the evidence behind it and the reasons in words.
public struct Recommendation: Sendable, Equatable {
    public var trackID: String
    public var trackName: String
    public var artists: [String]
    public var genres: [String]
    public var popularity: Int?
    /// The weighted blend of the evidence: higher ranks first.
    public var score: Double
    /// Euclidean distance to the profile's mean point in the standardized audio space (nil without audio).
    public var distance: Double?
    /// Each kind's scaled value (0...1) before weighting.
    public var evidence: [RecommendationEvidence: Double]
    public var reasons: [String]

    public var reason: String { reasons.joined(separator: "; ") }
}

/// A playlist as the warehouse names it.
public struct PlaylistSummary: Sendable, Equatable {
    public var playlistID: Int64
    public var spotifyPlaylistID: String?
    public var name: String
    public var genre: String?
    public var subgenre: String?
    public var trackCount: Int
}

/// Whose plays a listener's recommendations stand on.
public struct ListenerSummary: Sendable, Equatable {
    public var listener: String
    public var plays: Int
    public var skips: Int
    public var minutes: Double
    public var matchedPlays: Int
    public var latest: String?
}

/// What the taste profile was made of, for the line above the results.
public enum RecommendationSubject: Sendable, Equatable {
    /// Seed tracks (with an artist's tracks and a history's matched lines): how many, the artist as the warehouse
    /// spells it, and the history lines that matched no track.
    case tracks(count: Int, artist: String?, unmatched: [String])
    case playlist(PlaylistSummary)
    case listener(ListenerSummary)

    public var playlist: PlaylistSummary? { if case let .playlist(p) = self { return p } else { return nil } }
    public var listener: ListenerSummary? { if case let .listener(l) = self { return l } else { return nil } }
}

/// The engine's answer: the results, best first, and what they stand on.
public struct RecommendationAnswer: Sendable, Equatable {
    public var subject: RecommendationSubject
    public var results: [Recommendation]
    /// How many tracks were scored.
    public var candidates: Int
}
