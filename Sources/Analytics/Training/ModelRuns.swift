import Foundation
import GRDB
@_spi(WarehouseSQL) import Store

/// Reading the `model_runs` table: champions, listings, staleness, pruning.
public enum ModelRuns {
    public struct Champion: Sendable {
        public var runID: Int64
        public var metrics: RunMetrics
        public var dataIngestID: Int64?
        public var blob: [UInt8]?
        /// Its served model learned from its own holdout (`refit`): scoring it on a later run's holdout, which shares
        /// those tracks, would flatter it, so its stored holdout metric stands for it.
        public var servedOnAllTracks = false
    }

    public struct Run: Sendable {
        public var runID: Int64
        public var task: TrainingTask
        public var featureSet: FeatureSet
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
        public var message: String?
        /// The JSON columns as stored, decoded when asked for (a genre run's metrics hold its whole confusion matrix).
        private var storedMetrics: String
        private var storedHyperparameters: String

        /// The metrics, typed for the run's task.
        public var metrics: RunMetrics { RunMetrics.decode(storedMetrics, task: task) }

        /// The hyperparameters, typed for the run's task.
        public var hyperparameters: RunHyperparameters { RunHyperparameters.decode(storedHyperparameters, task: task) }

        /// What the run was scored on and what its served model learned from, for `jukebox models show` (nil for runs
        /// that do not say: clusters, neighbours, runs of an older Jukebox).
        public var learnedFrom: String? {
            guard let (holdout, served, onAllTracks) = hyperparameters.served else { return nil }
            let scored = "scored on \(holdout.formatted()) held-out tracks; "
            let evidence = task == .genre ? "its artist, album, song and title-word evidence" : "its artist and album records"
            return onAllTracks
                ? scored + "served model learned from all \(served.formatted()) (\(evidence); its trees from the other \((served - holdout).formatted()))"
                : scored + "served model learned from the other \((served - holdout).formatted())"
        }

        /// The genre vocabulary a genre run's classes come from (nil for other tasks and older runs).
        public var taxonomy: String? { hyperparameters.genre?.taxonomy }

        init(row: Row) throws {
            let taskName: String = row["task"], featureSetName: String = row["feature_set"]
            guard let task = TrainingTask(rawValue: taskName), let featureSet = FeatureSet(rawValue: featureSetName) else {
                throw AnalyticsError.notAnswerable("model run \(row["run_id"] as Int64) has an unknown task or feature set (\(taskName), \(featureSetName))")
            }
            runID = row["run_id"]; self.task = task; self.featureSet = featureSet; algorithm = row["algorithm"]
            status = row["status"]; isChampion = row["is_champion"]; startedAt = row["started_at"]; finishedAt = row["finished_at"]
            dataIngestID = row["data_ingest_id"]; trainRows = row["train_rows"]; testRows = row["test_rows"]
            fitSeconds = row["fit_seconds"]; writeSeconds = row["write_seconds"]; storedMetrics = row["metrics"]
            storedHyperparameters = row["hyperparameters"]; message = row["message"]
        }
    }

    static let runColumns = """
        run_id, task, feature_set, algorithm, status, is_champion, started_at, finished_at, data_ingest_id, train_rows,
        test_rows, fit_seconds, write_seconds, metrics, hyperparameters, message
        """

    /// The champion runs, oldest first: the one place that asks `model_runs` which runs are champions.
    static func champions(_ db: Database) throws -> [Run] {
        try Row.fetchAll(db, sql: "SELECT \(runColumns) FROM model_runs WHERE is_champion = 1 ORDER BY run_id").map(Run.init(row:))
    }

    /// The champion of one task and feature set, with its stored model.
    static func champion(_ db: Database, task: TrainingTask, featureSet: FeatureSet) throws -> Champion? {
        guard let run = try champions(db).first(where: { $0.task == task && $0.featureSet == featureSet }) else { return nil }
        let blob = try Data.fetchOne(db, sql: "SELECT model_blob FROM model_runs WHERE run_id = ?", arguments: [run.runID])
        return Champion(runID: run.runID, metrics: run.metrics, dataIngestID: run.dataIngestID, blob: blob.map { [UInt8]($0) },
                        servedOnAllTracks: run.hyperparameters.served?.onAllTracks ?? false)
    }

    /// The champion of `task` that pages show: the one of `featureSet`, or else the `full` one where there is one.
    static func champion(_ db: Database, task: TrainingTask, preferring featureSet: FeatureSet? = nil) throws -> Run? {
        let runs = try champions(db).filter { $0.task == task && (featureSet == nil || $0.featureSet == featureSet) }
        return runs.first { $0.featureSet == .full } ?? runs.first
    }

    public static func champion(_ reader: WarehouseReader, task: TrainingTask, preferring featureSet: FeatureSet? = nil) throws -> Run? {
        try champion(reader.db, task: task, preferring: featureSet)
    }

    /// What identifies the champions: their run ids, oldest first.
    static func championRunIDs(_ db: Database) throws -> [Int64] {
        try champions(db).map(\.runID)
    }

    public static func all(_ reader: WarehouseReader) throws -> [Run] {
        try Row.fetchAll(reader.db, sql: "SELECT \(runColumns) FROM model_runs ORDER BY run_id").map(Run.init(row:))
    }

    public static func run(_ reader: WarehouseReader, id: Int64) throws -> Run {
        guard let run = try find(reader.db, id: id) else { throw TrainingError.unknownRun(id) }
        return run
    }

    /// The run `id`, or nil when there is none.
    static func find(_ db: Database, id: Int64) throws -> Run? {
        try Row.fetchOne(db, sql: "SELECT \(runColumns) FROM model_runs WHERE run_id = ?", arguments: [id]).map(Run.init(row:))
    }

    /// Tasks (with their feature set) that no successful run has trained on the warehouse's newest data.
    public static func stale(_ reader: WarehouseReader, tasks: [(TrainingTask, FeatureSet)]) throws -> [(TrainingTask, FeatureSet)] {
        let db = reader.db
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
    public static func prune(_ writer: WarehouseWriter) throws -> Int {
        try writer.db.execute(sql: "DELETE FROM model_runs WHERE is_champion = 0 AND status != 'running'")
        return writer.db.changesCount
    }

    /// Every run as read commands show it: one left 'running' by a process that died reads 'interrupted'.
    public static func all(in warehouse: Warehouse) throws -> [Run] {
        try warehouse.read(all).map { $0.shown(in: warehouse) }
    }

    public static func run(in warehouse: Warehouse, id: Int64) throws -> Run {
        try warehouse.read { try run($0, id: id) }.shown(in: warehouse)
    }

    /// Deletes runs that are not champions (and their outputs); returns how many.
    @discardableResult
    public static func prune(in warehouse: Warehouse) throws -> Int {
        try warehouse.write { try prune($0) }
    }

    /// `stale(_:tasks:)` on one read of the warehouse.
    public static func stale(in warehouse: Warehouse, tasks: [(TrainingTask, FeatureSet)]) throws -> [(TrainingTask, FeatureSet)] {
        try warehouse.read { try stale($0, tasks: tasks) }
    }
}

extension ModelRuns.Run {
    func shown(in warehouse: Warehouse) -> Self {
        var run = self
        run.status = warehouse.shownStatus(status, of: .training)
        return run
    }
}
