import Foundation

/// The kinds of evidence the recommendation engine blends, each scaled to 0...1 over the candidates before weighting.
public enum RecommendationEvidence: String, CaseIterable, Sendable, Hashable {
    /// Tracks by the profile's own artists, by how many of the profile's tracks credit them.
    case artists
    /// Tracks from the albums the profile's tracks come from, by how many of its tracks come from each.
    case album
    /// Tracks by artists that share other playlists with the profile's artists.
    case neighbours
    /// Tracks that share other playlists with the profile's tracks, popular tracks damped (IDF).
    case cooccurrence
    /// Closeness to the profile's mean point in the standardized audio space.
    case audio
    /// Membership of other playlists with the profile's genre or subgenre.
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
public struct RecommendationWeights: Sendable, Equatable {
    public var weights: [RecommendationEvidence: Double]

    public static let standard = RecommendationWeights([
        .artists: 1, .album: 2, .audio: 0.03, .popularity: 0.05,
    ])

    public init(_ weights: [RecommendationEvidence: Double]) { self.weights = weights }

    public subscript(_ evidence: RecommendationEvidence) -> Double {
        get { weights[evidence] ?? 0 }
        set { weights[evidence] = newValue }
    }

    /// Parses "artists=1,cooccurrence=0.5" (kinds not named weigh zero); throws a message naming the kinds when malformed.
    public static func parse(_ text: String) throws -> RecommendationWeights {
        var weights: [RecommendationEvidence: Double] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let kind = RecommendationEvidence(rawValue: pair[0].lowercased()), let value = Double(pair[1]),
                  value.isFinite, value >= 0
            else {
                throw AnalyticsError.notAnswerable("cannot read the weight '\(part)': write KIND=WEIGHT with a weight of 0 or more, "
                    + "KIND one of " + RecommendationEvidence.allCases.map(\.rawValue).joined(separator: ", "))
            }
            weights[kind] = value
        }
        guard weights.values.contains(where: { $0 > 0 }) else { throw AnalyticsError.notAnswerable("give at least one positive weight") }
        return RecommendationWeights(weights)
    }

    public var description: String {
        RecommendationEvidence.allCases.filter { self[$0] > 0 }.map { "\($0.rawValue)=\(self[$0])" }.joined(separator: ",")
    }
}
