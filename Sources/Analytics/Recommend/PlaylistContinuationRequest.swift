import Foundation

/// The kinds of evidence a playlist continuation blends, each scaled to 0...1 over the candidates before weighting.
public enum PlaylistEvidence: String, CaseIterable, Sendable, Hashable {
    /// Tracks by the playlist's own artists, by how many of the playlist's tracks credit them.
    case artists
    /// Tracks from the albums the playlist's tracks come from, by how many of its tracks come from each.
    case album
    /// Tracks by artists that share other playlists with the playlist's artists.
    case neighbours
    /// Tracks that share other playlists with the playlist's tracks, popular tracks damped (IDF).
    case cooccurrence
    /// Closeness to the playlist's mean point in the standardized audio space.
    case audio
    /// Membership of other playlists with the playlist's genre or subgenre.
    case genre
    /// Spotify popularity, as a prior.
    case popularity
}

/// How much each kind of evidence counts. The defaults are the blend a grid chose on half of the real playlist dump
/// (bench/recommend/evaluate.py) and that beat every single signal on the other half (bench/recommend/RESULTS.md).
/// Neighbour artists, co-occurrence and genre weigh zero by default: on that dump, where most tracks sit in one
/// playlist, no weight of them in the grid helped; they stay available for warehouses whose playlists overlap more.
/// A weight of zero turns the evidence off (and skips its reads), so one signal alone is the same code with the
/// others at zero.
public struct PlaylistEvidenceWeights: Sendable, Equatable {
    public var weights: [PlaylistEvidence: Double]

    public static let standard = PlaylistEvidenceWeights([
        .artists: 1, .album: 2, .audio: 0.03, .popularity: 0.05,
    ])

    public init(_ weights: [PlaylistEvidence: Double]) { self.weights = weights }

    public subscript(_ evidence: PlaylistEvidence) -> Double {
        get { weights[evidence] ?? 0 }
        set { weights[evidence] = newValue }
    }

    /// Parses "artists=1,cooccurrence=0.5" (kinds not named weigh zero); throws a message naming the kinds when malformed.
    public static func parse(_ text: String) throws -> PlaylistEvidenceWeights {
        var weights: [PlaylistEvidence: Double] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let kind = PlaylistEvidence(rawValue: pair[0].lowercased()), let value = Double(pair[1]),
                  value.isFinite, value >= 0
            else {
                throw AnalyticsError.notAnswerable("cannot read the weight '\(part)': write KIND=WEIGHT with a weight of 0 or more, "
                    + "KIND one of " + PlaylistEvidence.allCases.map(\.rawValue).joined(separator: ", "))
            }
            weights[kind] = value
        }
        guard weights.values.contains(where: { $0 > 0 }) else { throw AnalyticsError.notAnswerable("give at least one positive weight") }
        return PlaylistEvidenceWeights(weights)
    }

    public var description: String {
        PlaylistEvidence.allCases.filter { self[$0] > 0 }.map { "\($0.rawValue)=\(self[$0])" }.joined(separator: ",")
    }
}

/// What `jukebox recommend --playlist` was asked: the playlist, how many, the filters, the evidence weights.
public struct PlaylistContinuationRequest: Sendable {
    /// A playlist's integer id (as `PlaylistLookup` resolves it).
    public var playlistID: Int64
    public var count = 10
    public var filters = RecommendationFilters()
    public var weights = PlaylistEvidenceWeights.standard

    public init(playlistID: Int64) { self.playlistID = playlistID }
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

/// One track that continues a playlist, its blended score, the evidence behind it and the reasons in words.
public struct PlaylistRecommendation: Sendable, Equatable {
    public var trackID: String
    public var trackName: String
    public var artists: [String]
    public var genres: [String]
    public var popularity: Int?
    public var score: Double
    /// Each kind's scaled value (0...1) before weighting.
    public var evidence: [PlaylistEvidence: Double]
    public var reasons: [String]

    public var reason: String { reasons.joined(separator: "; ") }
}

/// A playlist's continuation.
public struct PlaylistContinuationAnswer: Sendable, Equatable {
    public var playlist: PlaylistSummary
    public var results: [PlaylistRecommendation]
    /// How many tracks were scored.
    public var candidates: Int
}
