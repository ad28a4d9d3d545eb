import Foundation
import GRDB

/// Feature distributions per group over the warehouse (`jukebox trends`).
public enum Trends {
    /// One row per feature and group, features in the order asked, groups in their natural order
    /// (years and snapshots ascending, genres by name). Groups with no value for a feature are left out.
    static func rows(_ query: TrendQuery, in db: Database) throws -> [TrendRow] {
        try rows(query, TrendFilter(query, in: db), in: db)
    }

    static func rows(_ query: TrendQuery, _ filter: TrendFilter, in db: Database) throws -> [TrendRow] {
        let groups = try values(query, filter, in: db)
        return try query.features.enumerated().flatMap { index, feature in
            let rows = groups.compactMap { group in
                Summary(group.values[index]).map { TrendRow(group: group.label, feature: feature, summary: $0) }
            }
            if rows.isEmpty {
                throw AnalyticsError.notAnswerable("no track\(scope(query)) has a value for \(feature.name)")
            }
            return rows
        }
    }

    /// Contrasts groups `a` and `b` of `query.grouping` per feature. Returns the groups' labels as
    /// the warehouse spells them.
    static func compare(_ a: String, _ b: String, _ query: TrendQuery, in db: Database)
        throws -> (a: String, b: String, comparisons: [TrendComparison])
    {
        try compare(a, b, query, TrendFilter(query, in: db), in: db)
    }

    static func compare(_ a: String, _ b: String, _ query: TrendQuery, _ filter: TrendFilter, in db: Database)
        throws -> (a: String, b: String, comparisons: [TrendComparison])
    {
        let groups = try values(query, filter, in: db)
        func find(_ label: String) throws -> GroupValues {
            let wanted = query.grouping == .genre ? try NameLookup.genre(label, in: db) : label
            if let group = groups.first(where: { $0.matches(wanted, grouping: query.grouping) }) { return group }
            let known = groups.prefix(12).map(\.label).joined(separator: ", ")
            throw AnalyticsError.notAnswerable(
                "no tracks\(scope(query)) in \(query.grouping.rawValue) '\(label)'; groups with tracks: \(known)"
                    + (groups.count > 12 ? ", …" : ""))
        }
        let groupA = try find(a), groupB = try find(b)
        let comparisons = query.features.enumerated().compactMap { index, feature -> TrendComparison? in
            guard let summaryA = Summary(groupA.values[index]), let summaryB = Summary(groupB.values[index]) else { return nil }
            return TrendComparison(feature: feature, a: summaryA, b: summaryB)
        }
        if comparisons.isEmpty {
            throw AnalyticsError.notAnswerable("'\(groupA.label)' and '\(groupB.label)' share no feature with values to compare")
        }
        return (groupA.label, groupB.label, comparisons)
    }

    /// How many tracks in the query's scope (its genre and artist) have a release year, and how many there are:
    /// what a trend by year or decade stands on.
    static func yearCoverage(_ query: TrendQuery, in db: Database) throws -> (withYear: Int, total: Int) {
        try yearCoverage(TrendFilter(query, in: db), in: db)
    }

    static func yearCoverage(_ filter: TrendFilter, in db: Database) throws -> (withYear: Int, total: Int) {
        let row = try Row.fetchOne(db, sql: "SELECT count(t.release_year), count(*) FROM tracks t WHERE "
            + (["1"] + filter.conditions).joined(separator: " AND "), arguments: filter.arguments)
        return (row?[0] ?? 0, row?[1] ?? 0)
    }

    /// `defaultGrouping`'s rule in words, for help texts; keep it beside the code it describes.
    public static let defaultGroupingRule = "by decade when at least half the tracks in scope have a release year, else by genre (else by snapshot)"

    /// The grouping when none is asked, the one rule the CLI and the web app share: by decade when most tracks in
    /// scope have a release year, else by genre when any has a genre, else by snapshot. The note says what it stands on.
    static func defaultGrouping(_ query: TrendQuery, in db: Database) throws -> (grouping: TrendGrouping, note: String) {
        let filter = try TrendFilter(query, in: db)
        return try defaultGrouping(filter, coverage: yearCoverage(filter, in: db), in: db)
    }

    static func defaultGrouping(_ filter: TrendFilter, coverage: (withYear: Int, total: Int), in db: Database)
        throws -> (grouping: TrendGrouping, note: String)
    {
        let (withYear, total) = coverage
        let years = "\(withYear.formatted()) of \(total.formatted()) tracks have a release year"
        if total > 0, withYear * 2 >= total {
            return (.decade, "grouped by decade: \(years)")
        }
        let tagged = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tracks t JOIN track_genres tg ON tg.track_id = t.track_id WHERE "
            + (["1"] + filter.conditions).joined(separator: " AND ") + ")", arguments: filter.arguments) ?? false
        let grouping: TrendGrouping = tagged ? .genre : .snapshot
        return (grouping, "grouped by \(grouping.rawValue): only \(years)")
    }

    struct GroupValues {
        var label: String
        /// One array per feature of the query, in its order.
        var values: [[Double]]

        func matches(_ wanted: String, grouping: TrendGrouping) -> Bool {
            if label.caseInsensitiveCompare(wanted) == .orderedSame { return true }
            // A snapshot is named by its ingest id: "3" or "#3" picks "#3 file.csv".
            return grouping == .snapshot && label.hasPrefix("#" + wanted.trimmingPrefix("#") + " ")
        }
    }

    /// Every group's values of the query's features, in group order.
    static func values(_ query: TrendQuery, _ filter: TrendFilter, in db: Database) throws -> [GroupValues] {
        let group = TrendSQL.group(query.grouping)
        let columns = query.features.map { TrendSQL.column($0, grouping: query.grouping) }
        let sql = "SELECT \(group.label) AS label, " + columns.joined(separator: ", ") + " FROM tracks t "
            + "LEFT JOIN audio_features f ON f.track_id = t.track_id " + group.joins
            + " WHERE " + ([group.condition] + filter.conditions).joined(separator: " AND ")
            + " ORDER BY \(group.order)"
        var groups: [GroupValues] = []
        let rows = try Row.fetchCursor(db, sql: sql, arguments: filter.arguments)
        while let row = try rows.next() {
            let label: String = row[0]
            if groups.last?.label != label {
                groups.append(GroupValues(label: label, values: Array(repeating: [], count: columns.count)))
            }
            for index in columns.indices {
                if let value = row[index + 1] as Double? { groups[groups.count - 1].values[index].append(value) }
            }
        }
        if groups.isEmpty { throw AnalyticsError.notAnswerable(try emptyExplanation(query, filter, in: db)) }
        return groups
    }

    private static func emptyExplanation(_ query: TrendQuery, _ filter: TrendFilter, in db: Database) throws -> String {
        let conditions = filter.conditions.isEmpty ? "" : " WHERE " + filter.conditions.joined(separator: " AND ")
        let tracks = try Int.fetchOne(db, sql: "SELECT count(*) FROM tracks t" + conditions, arguments: filter.arguments) ?? 0
        guard tracks > 0 else {
            return filter.conditions.isEmpty
                ? "the warehouse has no tracks yet; load a dump first with `jukebox ingest FILE`"
                : "no tracks\(scope(query))"
        }
        let some = "none of the \(tracks) track\(tracks == 1 ? "" : "s")\(scope(query))"
        switch query.grouping {
        case .year, .decade:
            return "trends by \(query.grouping.rawValue) need release years, but \(some) has one; "
                + "load a dump with a year or release date column (such as the top hits dump)"
        case .snapshot:
            return "trends by snapshot need popularity observations, but \(some) has one"
        case .genre:
            return "trends by genre need genres, but \(some) is filed under one; load a dump with a genre column "
                + "or pass `jukebox ingest --genre NAME`"
        }
    }

    static func scope(_ query: TrendQuery) -> String {
        var parts: [String] = []
        if let genre = query.genre { parts.append("in genre '\(genre)'") }
        if let artist = query.artist { parts.append("by '\(artist)'") }
        return parts.isEmpty ? "" : " " + parts.joined(separator: " ")
    }
}
