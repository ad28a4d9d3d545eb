import Core
import Foundation
import GRDB
import Ingest
import Learning
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

/// A warehouse where popularity is 100 only for tracks low in both energy and danceability, and 0 otherwise,
/// with few tracks high in both: boosted stumps (one split per tree) learn the two effects apart and add them,
/// so their sum for a track high in both lies far below 0. Each track has its own artist and album, so the
/// relational columns carry nothing.
private enum RangeData {
    static let header = ",track_id,artists,album_name,track_name,popularity,duration_ms,explicit,danceability,energy,key,loudness,mode,"
        + "speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature,track_genre"

    /// `count` rows from `start`: low or high energy and danceability, and the popularity the rule gives them.
    static func rows(_ start: Int, _ count: Int, highEnergy: Bool, highDance: Bool) -> [String] {
        (start..<(start + count)).map { i in
            let jitter = Double(i % 7) * 0.01
            let energy = (highEnergy ? 0.85 : 0.15) + jitter, dance = (highDance ? 0.85 : 0.15) + jitter
            let popularity = highEnergy || highDance ? 0 : 100
            return "\(i),\(id(i)),Range Artist \(i),Range Album \(i),Range Song \(i),\(popularity),200000,False,\(dance),\(energy),5,-7.0,1,"
                + "0.05,0.2,0.0,0.1,0.5,120.0,4,pop"
        }
    }

    static func id(_ i: Int) -> String { String(format: "PopRange%014d", i) }

    static func write(_ rows: [String]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("range-\(UUID().uuidString).csv")
        try Data(([header] + rows).joined(separator: "\n").appending("\n").utf8).write(to: url)
        return url.path
    }

    static func warehouse() throws -> (Warehouse, TrainingRunner) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-range-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let warehouse = try Warehouse.open(path: folder.appendingPathComponent("w.sqlite").path)
        let rows = rows(0, 80, highEnergy: false, highDance: false) + rows(80, 70, highEnergy: true, highDance: false)
            + rows(150, 70, highEnergy: false, highDance: true) + rows(220, 20, highEnergy: true, highDance: true)
        try Ingester(warehouse: warehouse).ingest(path: try write(rows))
        var runner = TrainingRunner(warehouse: warehouse)
        runner.popularity.boosting.rounds = 100
        runner.popularity.boosting.learningRate = 0.3
        runner.popularity.boosting.maxLeaves = 2
        runner.popularity.boosting.minRowsPerLeaf = 5
        return (warehouse, runner)
    }
}

struct PopularityRangeTests {
    @Test func noStoredOrServedPopularityLeavesZeroToHundred() throws {
        let (warehouse, runner) = try RangeData.warehouse()
        let run = try runner.run(.popularity)
        let (low, high, atZero) = try warehouse.pool.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT min(predicted_popularity), max(predicted_popularity), sum(predicted_popularity = 0) FROM popularity_predictions
                """)!
            return (row[0] as Double, row[1] as Double, row[2] as Int)
        }
        #expect(low >= 0 && high <= 100, "written back: \(low)...\(high)")
        // The trees' own sums for the tracks high in both lie below 0: clipping is what kept them in range.
        #expect(atZero >= 20)

        // Served: predict and explain answer in range, and explain's lines add up to the shown value.
        let hot = (220..<240).map(RangeData.id)
        let slider = Predictor.record(features: ["energy": 0.9, "danceability": 0.9, "key": 5, "loudness": -7, "mode": 1, "speechiness": 0.05,
                                                 "acousticness": 0.2, "instrumentalness": 0, "liveness": 0.1, "valence": 0.5, "tempo": 120,
                                                 "time_signature": 4, "duration_ms": 200000, "explicit": 0])
        let answers = try warehouse.pool.read { try Predictor($0).predict([slider]) }
        #expect(answers.map(\.popularity) == [0])
        let base = try #require(run.metrics.popularity?.shapExpectedValue)
        for id in hot {
            let e = try warehouse.pool.read { try TrackExplanation.explain(id, in: $0) }
            let shown = try #require(e.predictedPopularity)
            #expect(shown == 0, "\(id): \(shown)")
            #expect(e.popularityContributions.contains { $0.feature == PopularityModel.clippingFeature && $0.effect > 0 })
            let total = e.popularityContributions.reduce(base) { $0 + $1.effect }
            #expect(abs(total - shown) < 1e-6, "\(id): lines add up to \(total), shown \(shown)")
        }

        // The stored explanations (the Popularity page's) add up to the stored answer too.
        let explained = try warehouse.pool.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT track_id FROM shap_values WHERE run_id = ? AND track_id >= ?",
                                arguments: [run.runID, RangeData.id(220)])
        }
        #expect(!explained.isEmpty)
        for id in explained {
            let found = try #require(try warehouse.pool.read { try PopularityContributions.read(WarehouseReader($0), runID: run.runID, trackID: id) })
            let predicted = try #require(found.predicted)
            #expect(predicted == 0)
            #expect(found.contributions.contains { $0.feature == PopularityModel.clippingFeature })
            #expect(abs(found.contributions.reduce(base) { $0 + $1.value } - predicted) < 0.01, "\(id)")
        }

        // A kept champion answering tracks loaded after it clips them the same way.
        try Ingester(warehouse: warehouse).ingest(path: try RangeData.write(RangeData.rows(300, 10, highEnergy: true, highDance: true)))
        let kept = try runner.run(.popularity, promotion: .never)
        #expect(!kept.promoted && kept.coveredTracks == 10)
        let newest = try warehouse.pool.read { db in
            try Double.fetchAll(db, sql: "SELECT predicted_popularity FROM v_popularity_predictions WHERE track_id >= ?", arguments: [RangeData.id(300)])
        }
        #expect(newest.count == 10 && newest.allSatisfy { $0 == 0 })
    }
}
