import GRDB
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

/// The rules `jukebox trends` and the web's Trends page share: which grouping, how many groups, which label.
struct TrendPlanTests {
    typealias T = QueryFixtures.Track

    private func plan(_ warehouse: Warehouse, _ request: TrendRequest) throws -> TrendPlan {
        try warehouse.read { try Trends.plan(request, in: $0) }
    }

    /// Six tracks, `withYear` of them with a release year, in two genres.
    private func warehouse(withYear: Int) throws -> Warehouse {
        var tracks: [T] = []
        for n in 1...6 {
            let year: Int? = n <= withYear ? 1995 + 5 * n : nil
            tracks.append(T(id: "t\(n)", name: "Track \(n)", artists: [n > 3 ? "Beta" : "Alpha Band"], genres: [n % 2 == 0 ? "pop" : "rock"],
                            year: year, energy: Double(n) / 10, popularity: [1: 10 * n]))
        }
        return try QueryFixtures.warehouse(tracks)
    }

    @Test func withoutByTheGroupingIsByDecadeWhenHalfTheTracksHaveAYear() throws {
        let half = try plan(warehouse(withYear: 3), TrendRequest())
        #expect(half.query.grouping == .decade && half.groupingSource == .defaulted(note: "grouped by decade: 3 of 6 tracks have a release year"))
        #expect(half.yearCoverage! == (3, 6) && half.groupLimit == 0)
        #expect(half.query.features == TrendDefaults.features)
        let fewer = try plan(warehouse(withYear: 2), TrendRequest())
        #expect(fewer.query.grouping == .genre && fewer.groupingSource == .defaulted(note: "grouped by genre: only 2 of 6 tracks have a release year"))
        #expect(fewer.groupLimit == TrendDefaults.genreGroups)
        // The rule reads the tracks in scope: Beta's three tracks (4, 5, 6) have no year when only the first two do.
        let beta = try plan(warehouse(withYear: 4), TrendRequest(artist: "beta"))
        #expect(beta.groupingSource == .defaulted(note: "grouped by genre: only 1 of 3 tracks have a release year"))
        #expect(beta.query.artist == "beta" && beta.yearCoverage! == (1, 3))
    }

    @Test func withoutGenresOrYearsTheGroupingIsBySnapshot() throws {
        let untagged = try QueryFixtures.warehouse([T(id: "a", name: "A", popularity: [1: 40]), T(id: "b", name: "B", popularity: [2: 60])])
        let snapshots = try plan(untagged, TrendRequest(features: [.popularity]))
        #expect(snapshots.query.grouping == .snapshot)
        #expect(snapshots.groupingSource == .defaulted(note: "grouped by snapshot: only 0 of 2 tracks have a release year"))
        let rows = try untagged.read { try snapshots.rows(in: $0) }
        #expect(rows.rows.map(\.group) == ["#1 dump1.csv", "#2 dump2.csv"] && rows.rows.map(\.summary.mean) == [40, 60])
    }

    @Test func comparedGroupsNameTheirKindAndAnAskedGroupingWins() throws {
        let warehouse = try warehouse(withYear: 6)
        let decades = try plan(warehouse, TrendRequest(compare: ("2000s", "2020s")))
        #expect(decades.query.grouping == .decade && decades.groupingSource == .inferredFromCompare)
        #expect(decades.query.features == TrackFeature.allCases)
        #expect(try plan(warehouse, TrendRequest(compare: ("2005", "2010"))).query.grouping == .year)
        #expect(try plan(warehouse, TrendRequest(compare: ("pop", "rock"))).query.grouping == .genre)
        let asked = try plan(warehouse, TrendRequest(grouping: .snapshot, compare: ("1", "2")))
        #expect(asked.query.grouping == .snapshot && asked.groupingSource == .asked && asked.yearCoverage == nil)
        #expect(TrendRequest(compare: ("1", "2")).statedGrouping == .genre && TrendRequest().statedGrouping == nil)
        // Asked by year: what it stands on is counted once, in the plan.
        let years = try plan(try self.warehouse(withYear: 4), TrendRequest(grouping: .year))
        #expect(years.groupingSource == .asked && years.yearCoverage! == (4, 6))
    }

    @Test func byGenreByDefaultKeepsTheTwelveLargestGenres() throws {
        // 14 genres without years: genre k holds k tracks, so the 12 largest are g03 ... g14.
        var tracks: [T] = []
        for k in 1...14 {
            for n in 1...k { tracks.append(T(id: "g\(k)-\(n)", name: "G\(k) \(n)", genres: [String(format: "g%02d", k)])) }
        }
        let warehouse = try QueryFixtures.warehouse(tracks)
        let byDefault = try plan(warehouse, TrendRequest(features: [.energy]))
        let kept = try warehouse.read { try byDefault.rows(in: $0) }
        #expect(kept.groupLimit == 12 && kept.groupCount == 14 && kept.leftOutGroups)
        #expect(kept.rows.map(\.group) == (3...14).map { String(format: "g%02d", $0) })
        // Asked for, the limit is what was asked; 0 keeps all; asked by genre, all.
        let three = try warehouse.read { try Trends.plan(TrendRequest(features: [.energy], groups: 3), in: $0).rows(in: $0) }
        #expect(three.rows.map(\.group) == ["g12", "g13", "g14"] && three.groupCount == 14)
        let all = try warehouse.read { try Trends.plan(TrendRequest(features: [.energy], groups: 0), in: $0).rows(in: $0) }
        #expect(all.rows.count == 14 && !all.leftOutGroups)
        let asked = try warehouse.read { try Trends.plan(TrendRequest(features: [.energy], grouping: .genre), in: $0).rows(in: $0) }
        #expect(asked.rows.count == 14 && asked.groupLimit == 0)
    }

    @Test func aContrastIsLabelledWithCohensConventions() throws {
        let warehouse = try TrendsTests.handmade()
        let contrast = try warehouse.read { try Trends.plan(TrendRequest(features: [.energy], compare: ("POP", "rock")), in: $0).contrast(in: $0) }
        // pop 0.4, 0.9, 0.5 against rock 0.1, 0.3, 0.7: a difference of 0.2333 over a pooled SD of 0.2858.
        let energy = try #require(contrast?.comparisons.first)
        #expect(contrast?.a == "pop" && contrast?.b == "rock" && contrast?.comparisons.count == 1)
        #expect(abs(energy.difference - 0.7 / 3) < 1e-12 && abs(energy.cohensD! - (2.0 / 3).squareRoot()) < 1e-12)
        #expect(energy.effect == "large")
        #expect([0, 0.19, -0.2, 0.49, 0.5, -0.79, 0.8, 3].map { EffectSize.label($0) }
                == ["negligible", "negligible", "small", "small", "medium", "medium", "large", "large"])
        #expect(EffectSize.label(nil) == "")
        #expect(try warehouse.read { try Trends.plan(TrendRequest(), in: $0).contrast(in: $0) } == nil)
    }

    @Test func featureNamesAreReadOnceInOrder() throws {
        #expect(try TrendRequest.features(named: ["Energy,tempo", " valence ", "energy", ""]) == [.energy, .tempo, .valence])
        #expect(try TrendRequest.features(named: ["energy", "ALL"]) == TrackFeature.allCases)
        #expect(try TrendRequest.features(named: []) == [])
        #expect(throws: AnalyticsError.unknownFeature("enrgy", suggestions: ["energy"])) { try TrendRequest.features(named: ["enrgy"]) }
    }

    /// The genre and artist are looked up once per question, however many steps read them.
    @Test func theFilterIsResolvedOncePerPlan() throws {
        let warehouse = try warehouse(withYear: 4)
        let lookups = try warehouse.pool.read { db -> [String] in
            let statements = Statements()
            db.trace { statements.items.append("\($0)") }
            let reader = WarehouseReader(db)
            let plan = try Trends.plan(TrendRequest(features: [.energy], grouping: .decade, genre: "POP", artist: "beta"), in: reader)
            let rows = try plan.rows(in: reader)
            #expect(rows.rows.map(\.group) == ["2010s"] && rows.rows[0].summary.count == 1)
            #expect(plan.yearCoverage! == (1, 2))
            db.trace(options: [])
            return statements.items.filter { $0.contains("FROM genres WHERE name") || $0.contains("FROM artists WHERE name") }
        }
        #expect(lookups.count == 2, "\(lookups)")
    }
}

/// The statements a connection ran, as `Database.trace` reports them (one connection, one thread).
private final class Statements: @unchecked Sendable {
    var items: [String] = []
}
