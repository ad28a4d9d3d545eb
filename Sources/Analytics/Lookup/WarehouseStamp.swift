import GRDB
@_spi(WarehouseSQL) import Store

/// What identifies what the warehouse holds: the newest finished ingest and the champion runs. Page data computed
/// from the warehouse stays valid while it is unchanged. Every page request reads it, so it reads two columns of
/// integers and nothing else (never a run's metrics, hyperparameters or model).
public enum WarehouseStamp {
    static func read(_ db: Database) throws -> String {
        let newest = try Int64.fetchOne(db, sql: """
            SELECT ingest_id FROM ingests WHERE status = 'succeeded' ORDER BY ingest_id DESC LIMIT 1
            """) ?? 0
        return "\(newest):" + (try championRunIDs(db)).map(String.init).joined(separator: ",")
    }

    public static func read(_ reader: WarehouseReader) throws -> String { try read(reader.db) }

    /// The champion runs' ids, oldest first; of the given tasks only, when given.
    static func championRunIDs(_ db: Database, tasks: [TrainingTask]? = nil) throws -> [Int64] {
        let ids = try Row.fetchAll(db, sql: "SELECT run_id, task FROM model_runs WHERE is_champion = 1 ORDER BY run_id")
        return ids.filter { row in tasks.map { $0.map(\.rawValue).contains(row["task"] as String) } ?? true }.map { $0["run_id"] }
    }

    public static func championRunIDs(_ reader: WarehouseReader, tasks: [TrainingTask]? = nil) throws -> [Int64] {
        try championRunIDs(reader.db, tasks: tasks)
    }
}
