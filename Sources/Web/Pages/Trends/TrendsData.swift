import Analytics
import GRDB

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

    var grouping: String
    var genre: String?
    var artist: String?
    var groups: [String]
    var features: [FeatureTrend]

    static func load(_ db: Database, query: TrendQuery) throws -> TrendsData {
        let rows = try Trends.rows(query, in: db)
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
        return TrendsData(grouping: query.grouping.rawValue, genre: query.genre, artist: query.artist, groups: groups, features: features)
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
