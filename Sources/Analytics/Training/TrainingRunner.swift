import Foundation
import GRDB
import Learning
@_spi(WarehouseSQL) import Store

/// The outcome of one task run, as `jukebox train` reports it.
public struct RunSummary: Sendable {
    public var runID: Int64
    public var task: TrainingTask
    public var featureSet: FeatureSet
    public var algorithm: String
    public var metrics: RunMetrics
    public var scoreName: String
    public var score: Double?
    public var championScore: Double?
    public var promoted: Bool
    public var decision: String
    public var fitSeconds: Double
    public var writeSeconds: Double
    public var trainRows: Int
    public var testRows: Int
    /// Tracks the champion (this run, or the one kept) answered after the run because its outputs did not cover them.
    public var coveredTracks: Int
}

/// Runs training tasks against a warehouse: reads the training view in one snapshot, fits, then writes
/// the run, its outputs and the champion decision in one transaction. A failed or killed run leaves no
/// outputs, is recorded as failed, and the champion stays.
public struct TrainingRunner: Sendable {
    public let warehouse: Warehouse
    public var genre = GenreTrainer()
    public var popularity = PopularityTrainer()
    public var clusters = ClusterTrainer()
    public var neighbours = NeighbourTrainer()
    /// Timestamped progress lines (to stderr).
    public var log: @Sendable (String) -> Void = { _ in }

    public init(warehouse: Warehouse) {
        self.warehouse = warehouse
    }

    /// Takes the warehouse's training lock (one training run at a time), for a series of runs: `jukebox train` and
    /// `retrain` take it once, so a busy warehouse is refused once. Throws `StoreError.runBusy` naming its holder.
    /// Holding it proves no other training run alive, so runs a killed process left 'running' are recorded as
    /// failed at once, even when nothing is trained after (`retrain` with nothing stale).
    public func lock() throws -> RunLock {
        let lock = try RunLock(.training, warehousePath: warehouse.path)
        _ = try warehouse.pool.write { try InterruptedRuns.recover(.training, in: $0, warehouse: warehouse) }
        return lock
    }

    /// Runs one task, under `lock` (from `lock()`) or a lock of its own.
    public func run(_ task: TrainingTask, featureSet: FeatureSet = .full, promotion: PromotionPolicy = .ifBetter,
                    holding lock: RunLock? = nil) throws -> RunSummary {
        precondition(lock == nil || lock?.path == RunLock.Kind.training.path(warehousePath: warehouse.path), "not this warehouse's training lock")
        let lock = try lock ?? self.lock()
        defer { withExtendedLifetime(lock) {} }
        let featureSet = (task == .clusters || task == .neighbours) ? .audio : featureSet
        let runID = try warehouse.pool.write { db -> Int64 in
            try InterruptedRuns.recover(.training, in: db, warehouse: warehouse)
            try db.execute(sql: """
                INSERT INTO model_runs (task, feature_set, algorithm, status, started_at, process_id)
                VALUES (?, ?, 'pending', 'running', ?, ?)
                """, arguments: [task.rawValue, featureSet.rawValue, Timestamp.now(), getpid()])
            return db.lastInsertedRowID
        }
        log("run \(runID): training \(task.rawValue) (\(featureSet.rawValue) features)")
        do {
            // One read snapshot: the data, its version and the current champion are consistent.
            let (result, version, champion) = try warehouse.pool.read { db -> (TaskResult, DataVersion, ModelRuns.Champion?) in
                let result: TaskResult
                switch task {
                case .genre: var trainer = genre; trainer.featureSet = featureSet; result = try trainer.fit(db)
                case .popularity: var trainer = popularity; trainer.featureSet = featureSet; result = try trainer.fit(db)
                case .clusters: result = try clusters.fit(db)
                case .neighbours: result = try neighbours.fit(db)
                }
                return (result, try DataVersion.read(db), try ModelRuns.champion(db, task: task, featureSet: featureSet))
            }
            let withoutAudio = result.metrics.tracksWithoutAudioSkipped.map { "; skipped \($0) tracks without audio features" } ?? ""
            log("run \(runID): fitted in \(String(format: "%.1f", result.fitSeconds)) s\(withoutAudio)")
            var championScore: Double?
            var rescored = false
            if let champion {
                if let blob = champion.blob, !champion.servedOnAllTracks { championScore = try result.scoreChampion(blob) }
                rescored = championScore != nil
                if championScore == nil, !result.scoreName.isEmpty { championScore = champion.metrics.value(result.scoreName) }
            }
            let (promote, decision) = Self.decide(policy: promotion, result: result, champion: champion, championScore: championScore,
                                                  rescored: rescored, version: version)
            let writeStarted = Date()
            let coveredTracks = try warehouse.pool.write { db -> Int in
                try result.writeOutputs(db, runID)
                if promote {
                    try db.execute(sql: "UPDATE model_runs SET is_champion = 0 WHERE task = ? AND feature_set = ? AND is_champion = 1",
                                   arguments: [task.rawValue, featureSet.rawValue])
                }
                let writeSeconds = Date().timeIntervalSince(writeStarted)
                try db.execute(sql: """
                    UPDATE model_runs SET algorithm = ?, hyperparameters = ?, data_ingest_id = ?, data_ingest_ids = ?, data_rows = ?,
                        train_rows = ?, test_rows = ?, metrics = ?, status = 'succeeded', message = ?, finished_at = ?,
                        fit_seconds = ?, write_seconds = ?, model_blob = ?, is_champion = ?
                    WHERE run_id = ?
                    """, arguments: [result.algorithm, JSON.string(result.hyperparameters), version.newestIngestID,
                                     JSON.string(version.ingestIDs.map { Int($0) }), result.dataRows, result.trainRows, result.testRows,
                                     JSON.string(result.metrics), decision, Timestamp.now(), JSON.round(result.fitSeconds, 3),
                                     JSON.round(writeSeconds, 3), result.blob.map { Data($0) }, promote, runID])
                // Whoever won, the champion answers every track it can: a kept one covers the tracks loaded since its run.
                return try ChampionCoverage.fill(db, task: task, featureSet: featureSet)
            }
            // The stored figure could not include the commit; with it, the log and `jukebox models show` agree.
            let writeSeconds = Date().timeIntervalSince(writeStarted)
            try? warehouse.pool.write { db in
                try db.execute(sql: "UPDATE model_runs SET write_seconds = ? WHERE run_id = ?", arguments: [JSON.round(writeSeconds, 3), runID])
            }
            log("run \(runID): wrote outputs in \(String(format: "%.1f", writeSeconds)) s; \(decision)")
            if coveredTracks > 0 { log("run \(runID): the champion answered \(coveredTracks) tracks its outputs did not cover") }
            return RunSummary(runID: runID, task: task, featureSet: featureSet, algorithm: result.algorithm,
                              metrics: result.metrics, scoreName: result.scoreName, score: result.score,
                              championScore: championScore, promoted: promote, decision: decision, fitSeconds: result.fitSeconds,
                              writeSeconds: writeSeconds, trainRows: result.trainRows, testRows: result.testRows,
                              coveredTracks: coveredTracks)
        } catch {
            let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
            try? warehouse.pool.write { db in
                try db.execute(sql: "UPDATE model_runs SET status = 'failed', message = ?, finished_at = ? WHERE run_id = ?",
                               arguments: [message, Timestamp.now(), runID])
            }
            log("run \(runID): failed: \(message)")
            throw error
        }
    }

    /// `rescored`: the champion's model was scored on this run's holdout. Otherwise its stored score is only
    /// comparable when it saw the same data (same tracks, same split); on newer data the new run wins, since
    /// scores on different holdouts (or, for genres, different genre sets) say nothing about which is better.
    static func decide(policy: PromotionPolicy, result: TaskResult, champion: ModelRuns.Champion?, championScore: Double?,
                       rescored: Bool, version: DataVersion) -> (Bool, String) {
        switch policy {
        case .always: return (true, "promoted (--promote always)")
        case .never: return (false, "not promoted (--promote never)")
        case .ifBetter:
            guard let champion else { return (true, "promoted: there was no champion") }
            let newerData = (champion.dataIngestID ?? 0) < (version.newestIngestID ?? 0)
            // Compared at the 4 digits the decision prints (and metrics are stored with), so an identical model
            // ties. On the same data a tie keeps the champion; on newer data it promotes the new run, whose written-back
            // answers cover the new tracks (a kept champion's would not).
            if let score = result.score.map({ JSON.round($0, 4) }), let championScore = championScore.map({ JSON.round($0, 4) }),
               rescored || !newerData {
                let name = result.scoreName
                let holdout = rescored ? "on this run's holdout" : "on the same data"
                if score == championScore && newerData {
                    return (true, "promoted: \(name) \(fmt(score)) ties champion run \(champion.runID) \(holdout), and this run saw newer data")
                }
                return score > championScore
                    ? (true, "promoted: \(name) \(fmt(score)) beats champion run \(champion.runID)'s \(fmt(championScore)) \(holdout)")
                    : (false, "not promoted: \(name) \(fmt(score)) does not beat champion run \(champion.runID)'s \(fmt(championScore)) \(holdout)")
            }
            // No comparable score (neighbours are exact; a champion that cannot be scored on newer data): fresher data wins.
            if newerData {
                let why = result.score == nil ? "" : " and cannot be scored on this run's holdout"
                return (true, "promoted: champion run \(champion.runID) saw older data\(why)")
            }
            return (false, "not promoted: champion run \(champion.runID) saw the same data")
        }
    }

    private static func fmt(_ x: Double) -> String { String(format: "%.4f", x) }
}
