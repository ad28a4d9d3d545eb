import Foundation
import GRDB
import Testing
@_spi(WarehouseSQL) @testable import Store

/// Runs a killed process left 'running' are marked failed by the next writer, and only once no process holds
/// their kind's lock: a live run's row is never touched.
struct InterruptedRunsTests {
    private func warehouseWithRunningRows() throws -> Warehouse {
        let warehouse = try Warehouse.open(path: try temporaryWarehousePath())
        try warehouse.pool.write { db in
            try db.execute(sql: """
                INSERT INTO model_runs (task, feature_set, algorithm, status, started_at, process_id)
                    VALUES ('neighbours', 'audio', 'pending', 'running', '2026-01-01T00:00:00Z', 1);
                INSERT INTO playlist_recommendation_runs (weights, per_playlist, status, started_at)
                    VALUES ('artists=1', 10, 'running', '2026-01-01T00:00:00Z');
                INSERT INTO ingests (file_name, file_sha256, file_bytes, status, started_at, process_id)
                    VALUES ('x.csv', 'abc', 1, 'running', '2026-01-01T00:00:00Z', 1);
                """)
        }
        return warehouse
    }

    private func statuses(_ warehouse: Warehouse) throws -> [String] {
        try warehouse.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT status || ':' || coalesce(message, '') FROM model_runs
                UNION ALL SELECT status || ':' || coalesce(message, '') FROM playlist_recommendation_runs
                UNION ALL SELECT status || ':' || coalesce(message, '') FROM ingests
                """)
        }
    }

    @Test func aLiveTrainingRunIsLeftAloneAndADeadOneIsMarkedFailed() throws {
        let warehouse = try warehouseWithRunningRows()
        // Another holder of the training lock (a separate open file, as another process would have).
        let descriptor = open(RunLock.Kind.training.path(warehousePath: warehouse.path), O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        try #require(descriptor >= 0 && flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let whileHeld = try warehouse.pool.writeWithoutTransaction { try InterruptedRuns.recover(.training, in: $0, warehouse: warehouse) }
        #expect(whileHeld == 0)
        #expect(try statuses(warehouse) == ["running:", "running:", "running:"])
        close(descriptor)

        let afterwards = try warehouse.pool.writeWithoutTransaction { try InterruptedRuns.recover(.training, in: $0, warehouse: warehouse) }
        #expect(afterwards == 2)
        let message = "interrupted: the process ended before the run finished; nothing was written"
        // The training tables only: the ingest's row belongs to the ingest lock's rule.
        #expect(try statuses(warehouse) == ["failed:" + message, "failed:" + message, "running:"])
        let finished = try warehouse.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM model_runs WHERE finished_at IS NOT NULL") }
        #expect(finished == 1)

        let ingests = try warehouse.pool.write { try InterruptedRuns.recover(.ingest, in: $0, warehouse: warehouse) }
        #expect(ingests == 1)
        #expect(try statuses(warehouse).last == "failed:interrupted: the process ended before the load committed; nothing from this file was kept")
    }
}
