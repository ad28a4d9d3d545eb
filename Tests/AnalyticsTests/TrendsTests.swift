import GRDB
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

struct TrendsTests {
    /// Six tracks whose numbers are easy to work out by hand.
    static func handmade() throws -> Warehouse {
        typealias T = QueryFixtures.Track
        return try QueryFixtures.warehouse([
            T(id: "t1", name: "One", genres: ["rock"], year: 2001, energy: 0.1, popularity: [1: 10, 2: 30]),
            T(id: "t2", name: "Two", genres: ["rock"], year: 2003, energy: 0.3, popularity: [1: 20, 2: 40]),
            T(id: "t3", name: "Three", genres: ["pop"], year: 2005, energy: 0.4, popularity: [2: 50]),
            T(id: "t4", name: "Four", artists: ["Beta"], genres: ["pop"], year: 2008, energy: 0.9),
            T(id: "t5", name: "Five", artists: ["Beta"], genres: ["pop"], year: 2012, energy: 0.5),
            T(id: "t6", name: "Six", artists: ["Beta"], genres: ["rock"], year: 2015, energy: 0.7),
        ])
    }

    func rows(_ warehouse: Warehouse, _ query: TrendQuery) throws -> [TrendRow] {
        try warehouse.pool.read { try Trends.rows(query, in: $0) }
    }

    @Test func quartilesInterpolateBetweenOrderStatistics() throws {
        let summary = try #require(Summary([4, 1, 3, 2]))
        #expect(summary.count == 4)
        #expect(summary.mean == 2.5 && summary.median == 2.5 && summary.q1 == 1.75 && summary.q3 == 3.25)
        #expect(abs(summary.standardDeviation - (5.0 / 3).squareRoot()) < 1e-12)
        let single = try #require(Summary([7]))
        #expect(single.median == 7 && single.q1 == 7 && single.q3 == 7 && single.standardDeviation == 0)
        #expect(Summary([]) == nil)
    }

    @Test func byDecadeMatchesAHandComputation() throws {
        let result = try rows(Self.handmade(), TrendQuery(features: [.energy], grouping: .decade))
        #expect(result.map(\.group) == ["2000s", "2010s"])
        // 2000s: 0.1, 0.3, 0.4, 0.9 → mean 0.425, median 0.35, q1 0.1 + 0.75·0.2, q3 0.4 + 0.25·0.5
        let noughties = result[0].summary
        #expect(noughties.count == 4)
        #expect(abs(noughties.mean - 0.425) < 1e-12 && abs(noughties.median - 0.35) < 1e-12)
        #expect(abs(noughties.q1 - 0.25) < 1e-12 && abs(noughties.q3 - 0.525) < 1e-12)
        let tens = result[1].summary
        #expect(tens.count == 2 && abs(tens.mean - 0.6) < 1e-12 && abs(tens.q1 - 0.55) < 1e-12 && abs(tens.q3 - 0.65) < 1e-12)
    }

    @Test func byYearGenreAndSnapshot() throws {
        let warehouse = try Self.handmade()
        let years = try rows(warehouse, TrendQuery(features: [.energy], grouping: .year))
        #expect(years.map(\.group) == ["2001", "2003", "2005", "2008", "2012", "2015"])
        let genres = try rows(warehouse, TrendQuery(features: [.energy, .tempo], grouping: .genre))
        #expect(genres.map { "\($0.feature.name) \($0.group) \($0.summary.count)" }
                == ["energy pop 3", "energy rock 3", "tempo pop 3", "tempo rock 3"])
        #expect(abs(genres[0].summary.mean - 0.6) < 1e-12 && genres[0].summary.median == 0.5)
        // By snapshot, popularity is what each ingest observed; otherwise the latest reading.
        let snapshots = try rows(warehouse, TrendQuery(features: [.popularity], grouping: .snapshot))
        #expect(snapshots.map(\.group) == ["#1 dump1.csv", "#2 dump2.csv"])
        #expect(snapshots.map(\.summary.mean) == [15, 40])
        let latest = try rows(warehouse, TrendQuery(features: [.popularity], grouping: .decade))
        #expect(latest.map(\.summary.mean) == [40])
    }

    @Test func filtersNarrowTheTracks() throws {
        let warehouse = try Self.handmade()
        let beta = try rows(warehouse, TrendQuery(features: [.energy], grouping: .decade, artist: "beta"))
        #expect(beta.map { "\($0.group) \($0.summary.count)" } == ["2000s 1", "2010s 2"])
        let rock = try rows(warehouse, TrendQuery(features: [.energy], grouping: .decade, genre: "ROCK"))
        #expect(rock.map(\.summary.mean) == [0.2, 0.7])
        #expect(throws: AnalyticsError.unknownArtist("Alpha Bnd", suggestions: ["Alpha Band"])) {
            try rows(warehouse, TrendQuery(features: [.energy], grouping: .decade, artist: "Alpha Bnd"))
        }
        #expect(throws: AnalyticsError.unknownGenre("rok", suggestions: ["rock"])) {
            try rows(warehouse, TrendQuery(features: [.energy], grouping: .decade, genre: "rok"))
        }
    }

    @Test func yearCoverageCountsTheTracksInScope() throws {
        typealias T = QueryFixtures.Track
        let warehouse = try QueryFixtures.warehouse([
            T(id: "t1", name: "One", genres: ["rock"], year: 2001), T(id: "t2", name: "Two", genres: ["rock"]),
            T(id: "t3", name: "Three", artists: ["Beta"], genres: ["pop"]), T(id: "t4", name: "Four", genres: ["pop"], year: 2010),
        ])
        func coverage(genre: String? = nil, artist: String? = nil) throws -> [Int] {
            let query = TrendQuery(features: [.energy], grouping: .decade, genre: genre, artist: artist)
            let counts = try warehouse.pool.read { try Trends.yearCoverage(query, in: $0) }
            return [counts.withYear, counts.total]
        }
        #expect(try coverage() == [2, 4])
        #expect(try coverage(genre: "POP") == [1, 2])
        #expect(try coverage(artist: "beta") == [0, 1])
        #expect(throws: AnalyticsError.unknownGenre("rok", suggestions: ["rock"])) { try coverage(genre: "rok") }
    }

    @Test func cohensDMatchesAHandComputation() throws {
        let warehouse = try Self.handmade()
        let result = try warehouse.pool.read {
            try Trends.compare("2000s", "2010s", TrendQuery(features: [.energy], grouping: .decade), in: $0)
        }
        #expect(result.a == "2000s" && result.b == "2010s")
        let energy = try #require(result.comparisons.first)
        // Variances 0.3475 / 3 and 0.02 / 1; pooled (0.3475 + 0.02) / 4 = 0.091875; d = −0.175 / √0.091875 = −1/√3.
        #expect(abs(energy.difference + 0.175) < 1e-12)
        #expect(abs(try #require(energy.cohensD) + 1 / 3.0.squareRoot()) < 1e-12)
        #expect(EffectSize.cohensD(try #require(Summary([1])), try #require(Summary([2]))) == nil)
        let genres = try warehouse.pool.read {
            try Trends.compare("Pop", "rock", TrendQuery(features: [.energy], grouping: .genre), in: $0)
        }
        #expect(genres.a == "pop" && genres.b == "rock")
        #expect(throws: AnalyticsError.notAnswerable("no tracks in decade '1990s'; groups with tracks: 2000s, 2010s")) {
            try warehouse.pool.read { try Trends.compare("1990s", "2000s", TrendQuery(features: [.energy], grouping: .decade), in: $0) }
        }
        // Snapshots are named by ingest id. Popularity [10, 20] vs [30, 40, 50]: pooled variance (50 + 200) / 3.
        let snapshots = try warehouse.pool.read {
            try Trends.compare("1", "#2", TrendQuery(features: [.popularity], grouping: .snapshot), in: $0)
        }
        #expect(snapshots.a == "#1 dump1.csv" && snapshots.b == "#2 dump2.csv")
        #expect(abs(try #require(snapshots.comparisons.first?.cohensD) + 25 / (250.0 / 3).squareRoot()) < 1e-12)
        #expect(TrendGrouping.inferred(from: "2010s") == .decade && TrendGrouping.inferred(from: "2004") == .year
                && TrendGrouping.inferred(from: "k-pop") == .genre)
    }

    @Test func questionsTheDataCannotAnswerSaySo() throws {
        let noYears = try QueryFixtures.warehouse([QueryFixtures.Track(id: "t1", name: "One")])
        #expect(throws: AnalyticsError.notAnswerable(
            "trends by year need release years, but none of the 1 track has one; "
                + "load a dump with a year or release date column (such as the top hits dump)")) {
            try rows(noYears, TrendQuery(features: [.energy], grouping: .year))
        }
        #expect(throws: AnalyticsError.notAnswerable(
            "trends by genre need genres, but none of the 1 track is filed under one; "
                + "load a dump with a genre column or pass `jukebox ingest --genre NAME`")) {
            try rows(noYears, TrendQuery(features: [.energy], grouping: .genre))
        }
        let empty = try QueryFixtures.emptyWarehouse()
        #expect(throws: AnalyticsError.notAnswerable("the warehouse has no tracks yet; load a dump first with `jukebox ingest FILE`")) {
            try rows(empty, TrendQuery(features: [.energy], grouping: .snapshot))
        }
    }

    @Test func sampleWarehouseByDecade() throws {
        let result = try rows(QueryFixtures.sample, TrendQuery(features: [.energy], grouping: .decade))
        #expect(result.map { "\($0.group) \($0.summary.count)" } == ["1990s 36", "2000s 89", "2010s 16"])
    }

    @Test func sparklineShowsTheShape() {
        #expect(Sparkline.render([0, 1, 0.5]) == "▁█▅")
        #expect(Sparkline.render([3, 3]) == "▅▅")
        #expect(Sparkline.render([]) == "")
    }
}
