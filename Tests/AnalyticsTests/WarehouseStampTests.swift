import Foundation
import GRDB
import Ingest
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

/// The stamp every web request reads: the newest succeeded ingest and the champion run ids, and nothing heavier.
struct WarehouseStampTests {
    @Test func stampReadsIngestAndChampionIDsOnlyNeverARunsMetrics() throws {
        let warehouse = try QueryFixtures.emptyWarehouse()
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/samples")
        try Ingester(warehouse: warehouse).ingest(path: samples.appendingPathComponent("top_hits_sample.csv").path)
        var runner = TrainingRunner(warehouse: warehouse)
        runner.clusters.clusterCount = 3
        let clusters = try runner.run(.clusters)
        let neighbours = try runner.run(.neighbours)
        // A failed ingest after them does not move the stamp: its data was rolled back.
        try warehouse.pool.write { db in
            try db.execute(sql: """
                INSERT INTO ingests (file_name, file_sha256, file_bytes, status, started_at)
                VALUES ('broken.csv', 'x', 0, 'failed', '2026-12-08T00:00:00Z')
                """)
        }

        final class Statements: @unchecked Sendable { var sql: [String] = [] }
        let seen = Statements()
        let (stamp, predictorRuns) = try warehouse.pool.read { db in
            db.trace(options: .statement) { event in seen.sql.append(String(describing: event)) }
            defer { db.trace(options: []) { _ in } }
            return (try WarehouseStamp.read(db), try WarehouseStamp.championRunIDs(db, tasks: [.genre, .popularity]))
        }
        #expect(stamp == "1:\(clusters.runID),\(neighbours.runID)")
        #expect(predictorRuns.isEmpty)
        #expect(seen.sql.count == 3)
        for sql in seen.sql {
            #expect(!sql.contains("metrics") && !sql.contains("hyperparameters") && !sql.contains("model_blob")
                    && !sql.contains("data_ingest_ids"), "the stamp read more than ids: \(sql)")
        }
    }
}
