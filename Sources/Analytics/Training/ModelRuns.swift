import Foundation
import GRDB
import Store

/// Reading the `model_runs` table: champions, listings, staleness, pruning.
public enum ModelRuns {
    public struct Champion: Sendable {
        public var runID: Int64
        public var metrics: String
        public var dataIngestID: Int64?
        public var blob: [UInt8]?
    }

    public struct Run: Sendable, Codable {
        public var runID: Int64
        public var task: String
        public var featureSet: String
        public var algorithm: String
        public var status: String
        public var isChampion: Bool
        public var startedAt: String
        public var finishedAt: String?
        public var dataIngestID: Int64?
        public var trainRows: Int
        public var testRows: Int
        public var fitSeconds: Double?
        public var writeSeconds: Double?
        public var metrics: String
        public var hyperparameters: String
        public var message: String?

        init(row: Row) {
            runID = row["run_id"]; task = row["task"]; featureSet = row["feature_set"]; algorithm = row["algorithm"]
            status = row["status"]; isChampion = row["is_champion"]; startedAt = row["started_at"]; finishedAt = row["finished_at"]
            dataIngestID = row["data_ingest_id"]; trainRows = row["train_rows"]; testRows = row["test_rows"]
            fitSeconds = row["fit_seconds"]; writeSeconds = row["write_seconds"]; metrics = row["metrics"]
            hyperparameters = row["hyperparameters"]; message = row["message"]
        }
    }

    static let runColumns = """
        run_id, task, feature_set, algorithm, status, is_champion, started_at, finished_at, data_ingest_id, train_rows,
        test_rows, fit_seconds, write_seconds, metrics, hyperparameters, message
        """

    public static func champion(_ db: Database, task: TrainingTask, featureSet: FeatureSet) throws -> Champion? {
        try Row.fetchOne(db, sql: "SELECT run_id, metrics, data_ingest_id, model_blob FROM model_runs WHERE task = ? AND feature_set = ? AND is_champion = 1",
                         arguments: [task.rawValue, featureSet.rawValue]).map { row in
            Champion(runID: row["run_id"], metrics: row["metrics"], dataIngestID: row["data_ingest_id"],
                     blob: (row["model_blob"] as Data?).map { [UInt8]($0) })
        }
    }

    public static func all(_ db: Database) throws -> [Run] {
        try Row.fetchAll(db, sql: "SELECT \(runColumns) FROM model_runs ORDER BY run_id").map(Run.init(row:))
    }

    public static func run(_ db: Database, id: Int64) throws -> Run {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(runColumns) FROM model_runs WHERE run_id = ?", arguments: [id]) else {
            throw TrainingError.unknownRun(id)
        }
        return Run(row: row)
    }

    /// Tasks (with their feature set) that no successful run has trained on the warehouse's newest data.
    public static func stale(_ db: Database, tasks: [(TrainingTask, FeatureSet)]) throws -> [(TrainingTask, FeatureSet)] {
        let newest = try DataVersion.read(db).newestIngestID ?? 0
        // A run on the newest data that lost to the champion makes the task fresh too: retraining it again would
        // only lose again, night after night.
        return try tasks.filter { task, featureSet in
            let newestSeen = try Int64.fetchOne(db, sql: """
                SELECT max(data_ingest_id) FROM model_runs WHERE task = ? AND feature_set = ? AND status = 'succeeded'
                """, arguments: [task.rawValue, featureSet.rawValue])
            return (newestSeen ?? 0) < newest
        }
    }

    /// Deletes runs that are not champions (and their outputs); returns how many.
    @discardableResult
    public static func prune(_ db: Database) throws -> Int {
        try db.execute(sql: "DELETE FROM model_runs WHERE is_champion = 0 AND status != 'running'")
        return db.changesCount
    }

    /// Every run as read commands show it: one left 'running' by a process that died reads 'interrupted'.
    public static func all(in warehouse: Warehouse) throws -> [Run] {
        try warehouse.pool.read(all).map { $0.shown(in: warehouse) }
    }

    public static func run(in warehouse: Warehouse, id: Int64) throws -> Run {
        try warehouse.pool.read { try run($0, id: id) }.shown(in: warehouse)
    }

    /// Marks runs left 'running' as failed when their process has died (`Warehouse.runsAreAlive`; a run asks
    /// holding the training lock, so every earlier one is over).
    static func recoverInterrupted(_ db: Database, in warehouse: Warehouse) throws {
        guard !warehouse.runsAreAlive(.training) else { return }
        try db.execute(sql: """
            UPDATE model_runs SET status = 'failed', finished_at = ?,
                message = 'interrupted: the process ended before the run finished; nothing was written'
            WHERE status = 'running'
            """, arguments: [Timestamp.now()])
    }
}

extension ModelRuns.Run {
    func shown(in warehouse: Warehouse) -> Self {
        var run = self
        run.status = warehouse.shownStatus(status, of: .training)
        return run
    }
}
