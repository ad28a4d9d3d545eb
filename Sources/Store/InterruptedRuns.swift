import Foundation
import GRDB

/// Runs that a killed process left 'running': over once no process holds their kind's lock (`RunLock`), and
/// recorded as failed, with the reason, by the next writer. The one rule for every table a run records itself in.
public enum InterruptedRuns {
    /// The tables a run of `kind` records itself in, with what an interrupted run there left behind.
    static func tables(_ kind: RunLock.Kind) -> [(table: String, message: String)] {
        switch kind {
        case .ingest:
            return [("ingests", "interrupted: the process ended before the load committed; nothing from this file was kept")]
        case .training:
            let message = "interrupted: the process ended before the run finished; nothing was written"
            return [("model_runs", message), ("playlist_recommendation_runs", message)]
        }
    }

    /// Marks the runs of `kind` left 'running' as failed when no other process holds the kind's lock; returns how
    /// many. Any writer may call it, holding that lock or not: the lock is probed inside a write transaction
    /// (an immediate one of its own when `db` is outside one), and a run takes its lock before it commits its
    /// 'running' row, so no live run can record itself between the probe and the update.
    @discardableResult
    @_spi(WarehouseSQL) public static func recover(_ kind: RunLock.Kind, in db: Database, warehouse: Warehouse) throws -> Int {
        guard db.isInsideTransaction else {
            var changed = 0
            try db.inTransaction(.immediate) {
                changed = try recover(kind, in: db, warehouse: warehouse)
                return .commit
            }
            return changed
        }
        guard !warehouse.runsAreAlive(kind) else { return 0 }
        var changed = 0
        for (table, message) in tables(kind) {
            try db.execute(sql: "UPDATE \(table) SET status = 'failed', finished_at = ?, message = ? WHERE status = 'running'",
                           arguments: [Timestamp.now(), message])
            changed += db.changesCount
        }
        return changed
    }
}
