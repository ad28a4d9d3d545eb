import Analytics
import Store

/// Feature summaries per group, from Analytics' Trends.
struct TrendsData: Codable, Sendable {
    struct Point: Codable, Sendable {
        var group: String
        var count: Int
        var mean: Double
        var median: Double
        var q1: Double
        var q3: Double
    }

    struct FeatureTrend: Codable, Sendable {
        var feature: String
        var points: [Point]
    }

    /// Groups with fewer tracks than this are listed apart and not drawn beside the others.
    static let minimumGroupTracks = 20

    var grouping: String
    var genre: String?
    var artist: String?
    var groups: [String]
    /// Tracks per group, aligned with `groups` (the most that any feature has a value for).
    var groupTracks: [Int]
    /// Groups with fewer than `minimumGroupTracks` tracks; the charts leave them out unless every group is small.
    var smallGroups: [String]
    /// By year or decade: the tracks with a release year (the only ones the trends use) and all tracks in scope.
    var tracksWithYear: Int?
    var tracksInScope: Int?
    var features: [FeatureTrend]

    /// Whether the charts leave `smallGroups` out: only when some group is large enough to draw.
    var omitsSmallGroups: Bool { !smallGroups.isEmpty && smallGroups.count < groups.count }

    /// The plan's groups, every one of them (the charts set small ones apart), read through its resolved filter.
    static func load(_ reader: WarehouseReader, plan: TrendPlan) throws -> TrendsData {
        let query = plan.query
        let rows = try plan.rows(in: reader).rows
        var groups: [String] = []
        var seen = Set<String>()
        for row in rows where seen.insert(row.group).inserted { groups.append(row.group) }
        if query.grouping != .genre {
            // Trends gives each feature's groups in order; merge them in first-seen order per feature.
            groups = orderedUnion(query.features.map { feature in rows.filter { $0.feature == feature }.map(\.group) })
        }
        let features = query.features.map { feature in
            FeatureTrend(feature: feature.rawValue, points: rows.filter { $0.feature == feature }.map {
                Point(group: $0.group, count: $0.summary.count, mean: $0.summary.mean, median: $0.summary.median, q1: $0.summary.q1, q3: $0.summary.q3)
            })
        }
        var tracks: [String: Int] = [:]
        for row in rows { tracks[row.group] = max(tracks[row.group] ?? 0, row.summary.count) }
        let groupTracks = groups.map { tracks[$0] ?? 0 }
        let smallGroups = zip(groups, groupTracks).filter { $0.1 < minimumGroupTracks }.map(\.0)
        let byYear = query.grouping == .year || query.grouping == .decade
        let coverage = byYear ? plan.yearCoverage : nil
        return TrendsData(grouping: query.grouping.rawValue, genre: query.genre, artist: query.artist, groups: groups,
                          groupTracks: groupTracks, smallGroups: smallGroups, tracksWithYear: coverage?.withYear,
                          tracksInScope: coverage?.total, features: features)
    }

    static func orderedUnion(_ lists: [[String]]) -> [String] {
        guard var result = lists.first else { return [] }
        var known = Set(result)
        for list in lists.dropFirst() {
            for (i, group) in list.enumerated() where !known.contains(group) {
                let before = i > 0 ? result.firstIndex(of: list[i - 1]).map { $0 + 1 } ?? result.count : 0
                result.insert(group, at: before)
                known.insert(group)
            }
        }
        return result
    }
}
