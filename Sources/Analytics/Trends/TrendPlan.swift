import GRDB
@_spi(WarehouseSQL) import Store

/// How a trend's grouping was chosen.
public enum TrendGroupingSource: Sendable, Equatable {
    case asked
    /// From the kind of the first compared group ("2000s" a decade).
    case inferredFromCompare
    /// By `Trends.defaultGrouping`'s rule; the note says what it stands on ("grouped by decade: 120 of 141 tracks have a release year").
    case defaulted(note: String)
}

/// The groups `TrendPlan.rows` kept, and how many there were.
public struct TrendRows: Sendable, Equatable {
    public var rows: [TrendRow]
    public var groupCount: Int
    /// The limit applied: the groups with the most tracks (0: none).
    public var groupLimit: Int
    /// Whether the limit left groups out.
    public var leftOutGroups: Bool { groupLimit > 0 && groupCount > groupLimit }
}

/// Two groups contrasted, labelled as the warehouse spells them.
public struct TrendContrast: Sendable, Equatable {
    public var a: String
    public var b: String
    public var comparisons: [TrendComparison]
}

/// A trends question made definite, once per request: the genre and artist names resolved (a typo is an error with
/// suggestions), the features and the grouping chosen by the rules the CLI and the web share. Its rows and its
/// contrast read the warehouse through the same resolved filter.
public struct TrendPlan {
    public let request: TrendRequest
    /// The features and grouping answered; genre and artist as asked.
    public let query: TrendQuery
    public let groupingSource: TrendGroupingSource
    /// By year or decade, or when the default rule read it: tracks in scope with a release year, and all tracks in scope.
    public let yearCoverage: (withYear: Int, total: Int)?
    let filter: TrendFilter

    init(_ request: TrendRequest, in db: Database) throws {
        self.request = request
        var query = TrendQuery(features: request.resolvedFeatures, grouping: .genre, genre: request.genre, artist: request.artist)
        filter = try TrendFilter(query, in: db)
        var coverage: (withYear: Int, total: Int)?
        if let stated = request.statedGrouping {
            query.grouping = stated
            groupingSource = request.grouping == nil ? .inferredFromCompare : .asked
        } else {
            coverage = try Trends.yearCoverage(filter, in: db)
            let (grouping, note) = try Trends.defaultGrouping(filter, coverage: coverage!, in: db)
            query.grouping = grouping
            groupingSource = .defaulted(note: note)
        }
        if coverage == nil, query.grouping == .year || query.grouping == .decade { coverage = try Trends.yearCoverage(filter, in: db) }
        yearCoverage = coverage
        self.query = query
    }

    /// The number of groups `rows` keeps: as asked, else `TrendDefaults.genreGroups` when the default rule chose genres.
    public var groupLimit: Int {
        if let groups = request.groups { return groups }
        if case .defaulted = groupingSource, query.grouping == .genre { return TrendDefaults.genreGroups }
        return 0
    }

    /// One row per feature and group kept (`groupLimit`), in `Trends.rows`' order.
    public func rows(in reader: WarehouseReader) throws -> TrendRows {
        let rows = try Trends.rows(query, filter, in: reader.db)
        let limit = groupLimit
        let kept = limit > 0 ? TrendDefaults.largestGroups(rows, limit: limit) : (rows: rows, groups: Set(rows.map(\.group)).count)
        return TrendRows(rows: kept.rows, groupCount: kept.groups, groupLimit: limit)
    }

    /// The request's two groups contrasted per feature (`Trends.compare`); nil without `compare`.
    public func contrast(in reader: WarehouseReader) throws -> TrendContrast? {
        guard let (a, b) = request.compare else { return nil }
        let result = try Trends.compare(a, b, query, filter, in: reader.db)
        return TrendContrast(a: result.a, b: result.b, comparisons: result.comparisons)
    }
}

extension Trends {
    /// Resolves a request once (see `TrendPlan`): what `jukebox trends`, the Trends page and the report ask first.
    public static func plan(_ request: TrendRequest, in reader: WarehouseReader) throws -> TrendPlan {
        try TrendPlan(request, in: reader.db)
    }
}
