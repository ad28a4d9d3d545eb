import Core
import Foundation

/// What a recommendation starts from. Every kind becomes a `TasteProfile` for the one `RecommendationEngine`.
public enum RecommendationSeed: Sendable {
    /// Seed tracks (ids, Spotify links, "artist - title" or titles, a repeated one counting more), every track of an
    /// artist, the lines of a listening history file: any of them together.
    case tracks([String], artist: String? = nil, history: [HistoryLine] = [])
    /// A playlist's name (ignoring case), its Spotify id or its integer id.
    case playlist(String)
    /// A listener loaded by `jukebox ingest --listener`, by name (ignoring case).
    case listener(String)
}

/// What `jukebox recommend` was asked: the seed, how many, the filters, the evidence weights.
public struct RecommendationRequest: Sendable {
    public var seed: RecommendationSeed
    public var count = 10
    public var filters = RecommendationFilters()
    public var weights = RecommendationWeights.standard

    public init(seed: RecommendationSeed) { self.seed = seed }
}

/// The filters every recommendation passes, whatever its seed: `recommend`'s options.
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

    /// Spotify popularity's range, which both popularity bounds must lie in.
    public static let popularityRange = 0...100

    /// What is wrong with a pair of popularity bounds, for the CLI and the web to word with their own option names.
    public enum PopularityProblem: Sendable, Equatable {
        /// A bound outside `popularityRange` (`minimum` says which bound).
        case outOfRange(minimum: Bool, value: Int)
        /// The lowest above the highest.
        case inverted(min: Int, max: Int)
    }

    /// The one popularity rule: each bound within 0...100 and the lowest not above the highest; empty when they hold.
    public static func popularityProblems(min: Int?, max: Int?) -> [PopularityProblem] {
        var problems: [PopularityProblem] = []
        if let min, !popularityRange.contains(min) { problems.append(.outOfRange(minimum: true, value: min)) }
        if let max, !popularityRange.contains(max) { problems.append(.outOfRange(minimum: false, value: max)) }
        if problems.isEmpty, let min, let max, min > max { problems.append(.inverted(min: min, max: max)) }
        return problems
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
