import Foundation

/// What `jukebox recommend` was asked: seeds with weights, and the filters results must pass.
public struct RecommendationRequest: Sendable {
    /// Seed track ids with their weight in the taste profile.
    public var seeds: [(trackID: String, weight: Double)] = []
    public var count = 10
    public var filters = RecommendationFilters()
    /// How much shared genres and a shared cluster pull a track up, in standardized-distance units.
    public var genreWeight = 0.5
    public var clusterWeight = 0.25

    public init() {}
}

/// The filters every recommendation passes, from seeds or from a playlist: `recommend`'s options.
public struct RecommendationFilters: Sendable {
    public var genre: String?
    /// Lowercased artist names to leave out.
    public var excludedArtists: Set<String> = []
    public var explicit: Bool?
    public var minPopularity: Int?
    public var maxPopularity: Int?
    /// At most this many results per lead artist (applied while the list is built).
    public var maxPerArtist: Int?

    public init() {}

    var isEmpty: Bool {
        genre == nil && excludedArtists.isEmpty && explicit == nil && minPopularity == nil && maxPopularity == nil && maxPerArtist == nil
    }

    /// The artist, explicit and popularity filters; the genre and the per-artist cap are checked by the caller,
    /// which knows how it reads genres and the list built so far.
    func admits(artists: [String], explicit: Bool?, popularity: Int?) -> Bool {
        if artists.contains(where: { excludedArtists.contains($0.lowercased()) }) { return false }
        if let wanted = self.explicit, explicit != wanted { return false }
        if let low = minPopularity, (popularity ?? -1) < low { return false }
        if let high = maxPopularity, (popularity ?? 101) > high { return false }
        return true
    }
}

/// One recommended track and why.
public struct Recommendation: Sendable, Equatable {
    public var trackID: String
    public var trackName: String
    public var artists: [String]
    public var genres: [String]
    public var popularity: Int?
    /// Euclidean distance to the taste profile in standardized audio space.
    public var distance: Double
    /// Distance less the genre and cluster bonuses: lower ranks first.
    public var score: Double
    /// What the result stands on: shared artists, the closest features, shared genres, a compatible key, the cluster.
    public var reasons: [String]

    public var reason: String { reasons.joined(separator: "; ") }
}

/// The recommendations and where they came from.
public struct RecommendationAnswer: Sendable, Equatable {
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// The champion neighbours table, which saw the newest data.
        case storedNeighbours(runID: Int64)
        /// Every track with audio features measured against the profile.
        case exactSearch(tracks: Int)

        public var description: String {
            switch self {
            case let .storedNeighbours(runID): return "stored neighbours of champion run \(runID)"
            case let .exactSearch(tracks): return "computed exactly over \(tracks.formatted()) tracks"
            }
        }
    }

    public var results: [Recommendation]
    public var source: Source
}
