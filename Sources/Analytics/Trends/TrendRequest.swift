import Foundation

/// A trends question as the CLI or the web asks it, before its defaults: `Trends.plan` fills them in, one rule for both.
public struct TrendRequest: Sendable {
    /// Empty: `TrendDefaults.features`, or every feature when comparing.
    public var features: [TrackFeature]
    /// nil: guessed from the first compared group, else `Trends.defaultGrouping`'s rule.
    public var grouping: TrendGrouping?
    public var genre: String?
    public var artist: String?
    /// Two groups to contrast, as typed.
    public var compare: (a: String, b: String)?
    /// How many groups to keep, those with the most tracks; 0 for all. nil: `TrendDefaults.genreGroups` when the
    /// default rule groups by genre, else all.
    public var groups: Int?

    public init(features: [TrackFeature] = [], grouping: TrendGrouping? = nil, genre: String? = nil, artist: String? = nil,
                compare: (a: String, b: String)? = nil, groups: Int? = nil) {
        self.features = features
        self.grouping = grouping
        self.genre = genre
        self.artist = artist
        self.compare = compare
        self.groups = groups
    }

    /// The grouping when it does not depend on the warehouse: as asked, else the kind of the first compared group
    /// (`TrendGrouping.inferred`); nil when the default rule decides.
    public var statedGrouping: TrendGrouping? { grouping ?? compare.map { TrendGrouping.inferred(from: $0.a) } }

    /// Feature names as typed (repeated, comma-separated, or `all` for every feature), in order without repeats;
    /// empty when none is named. An unknown name throws `AnalyticsError.unknownFeature` with near misses.
    public static func features(named names: [String]) throws -> [TrackFeature] {
        let names = names.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        if names.contains(where: { $0.lowercased() == "all" }) { return TrackFeature.allCases }
        var seen = Set<TrackFeature>()
        return try names.map { try NameLookup.feature($0) }.filter { seen.insert($0).inserted }
    }

    /// The features to summarize.
    var resolvedFeatures: [TrackFeature] {
        if !features.isEmpty { return features }
        return compare == nil ? TrendDefaults.features : TrackFeature.allCases
    }
}
