import Foundation
import GRDB
@_spi(WarehouseSQL) import Store

/// What a training session reports while it runs, in order.
public enum TrainingProgress: Sendable {
    /// A log line: a run's steps, a retrain's decision, a failure (the CLI timestamps it on stderr).
    case line(String)
    /// Every task of the session is done: the runs that fitted (before the playlist write-back).
    case tasksDone([RunSummary])
}

/// A task `retrain` could not finish; `runID` is the failed run the runner recorded, when it got that far.
public struct TrainingFailure: Sendable, Equatable {
    public var task: TrainingTask
    public var featureSet: FeatureSet
    public var runID: Int64?
    public var message: String
}

/// What one `retrain` did.
public struct RetrainReport: Sendable {
    /// Tasks that were stale when it started, and whether the playlists' write-back was.
    public var staleTasks: [(TrainingTask, FeatureSet)] = []
    public var playlistsStale = false
    public var outcomes: [RetrainOutcome] = []
    public var failures: [TrainingFailure] = []
    public var playlists: PlaylistRecommendationSummary?
    /// Why the playlists' write-back failed, when it did.
    public var playlistFailure: String?

    /// A task or the playlists' write-back failed (`retrain` exits 1).
    public var failed: Bool { !failures.isEmpty || playlistFailure != nil }
}

/// `jukebox train` and `retrain` in one place: the training lock taken once, the tasks run in order, then every
/// playlist's continuation written back. The commands parse options and render what `progress` reports.
public struct TrainingSession: Sendable {
    public var runner: TrainingRunner
    public var progress: @Sendable (TrainingProgress) -> Void

    public init(runner: TrainingRunner, progress: @escaping @Sendable (TrainingProgress) -> Void = { _ in }) {
        self.runner = runner
        self.progress = progress
    }

    var warehouse: Warehouse { runner.warehouse }

    /// `jukebox train`: each task of `plan` in order under one lock (a busy warehouse throws `StoreError.runBusy`
    /// before anything is done), then, with `writePlaylists`, every playlist's continuation. The first failure stops
    /// the session: its run is recorded as failed and the champion stays.
    @discardableResult
    public func train(_ plan: [(TrainingTask, FeatureSet)], promotion: PromotionPolicy = .ifBetter,
                      writePlaylists: Bool) throws -> [RunSummary] {
        let runner = logging()
        let lock = try runner.lock()
        var summaries: [RunSummary] = []
        for (task, featureSet) in plan {
            summaries.append(try runner.run(task, featureSet: featureSet, promotion: promotion, holding: lock))
        }
        progress(.tasksDone(summaries))
        try AudioSpaceSnapshot.refresh(warehouse)
        if writePlaylists { try writePlaylistRecommendations(holding: lock) }
        return summaries
    }

    /// `jukebox retrain`: under one lock, each stale task refits or its champion scores the new tracks
    /// (`TrainingRunner.retrain`), then the playlists' write-back when the data changed since the last one (`force`:
    /// every task refits and the write-back runs). A failed task does not stop the others; each failure is one line.
    public func retrain(force: Bool = false) throws -> RetrainReport {
        let runner = logging()
        // Taken once, before anything is decided: a busy warehouse is refused before any step.
        let lock = try runner.lock()
        let all = TrainingTask.plan()
        var report = RetrainReport()
        report.staleTasks = force ? all : try ModelRuns.stale(in: warehouse, tasks: all)
        report.playlistsStale = try force || PlaylistRecommendationWriter(warehouse: warehouse).isStale()
        try AudioSpaceSnapshot.refresh(warehouse)
        guard !report.staleTasks.isEmpty || report.playlistsStale else {
            progress(.line("nothing stale: every task has been trained on the newest data"))
            return report
        }
        for (task, featureSet) in report.staleTasks {
            let lastRun = newestRunID("model_runs")
            do {
                report.outcomes.append(try runner.retrain(task, featureSet: featureSet, force: force, holding: lock))
            } catch {
                let runID = failedRun("model_runs", after: lastRun, task: task, featureSet: featureSet)
                let failure = TrainingFailure(task: task, featureSet: featureSet, runID: runID, message: Self.message(error))
                // A run the runner recorded has had its line ("run N: failed: ..."); anything else gets one here.
                if runID == nil { progress(.line("\(task.rawValue) (\(featureSet.rawValue)) failed: \(failure.message)")) }
                report.failures.append(failure)
            }
        }
        progress(.tasksDone(report.outcomes.compactMap(\.run)))
        if report.playlistsStale {
            let lastRun = newestRunID("playlist_recommendation_runs")
            do {
                report.playlists = try writePlaylistRecommendations(holding: lock)
            } catch {
                report.playlistFailure = Self.message(error)
                // Likewise: the writer has logged the failure of a run it recorded.
                if failedRun("playlist_recommendation_runs", after: lastRun) == nil {
                    progress(.line("playlist recommendations failed: \(Self.message(error))"))
                }
            }
        }
        return report
    }

    /// Every playlist's continuation into playlist_recommendations (its log line says what it wrote); nil without playlists.
    @discardableResult
    func writePlaylistRecommendations(holding lock: RunLock) throws -> PlaylistRecommendationSummary? {
        var writer = PlaylistRecommendationWriter(warehouse: warehouse)
        let progress = self.progress
        writer.log = { progress(.line($0)) }
        return try writer.run(holding: lock)
    }

    /// The runner with its log lines going to `progress`.
    private func logging() -> TrainingRunner {
        var runner = self.runner
        let progress = self.progress
        runner.log = { progress(.line($0)) }
        return runner
    }

    /// The newest run of `table` (`model_runs` or `playlist_recommendation_runs`), 0 when there is none; nil when it cannot be read.
    private func newestRunID(_ table: String) -> Int64? {
        try? warehouse.pool.read { try Int64.fetchOne($0, sql: "SELECT max(run_id) FROM \(table)") ?? 0 }
    }

    /// A failed run of `table` (of `task` and `featureSet` when given) recorded after `lastRun`; nil when none can be read.
    private func failedRun(_ table: String, after lastRun: Int64?, task: TrainingTask? = nil, featureSet: FeatureSet? = nil) -> Int64? {
        guard let lastRun else { return nil }
        let sql = "SELECT max(run_id) FROM \(table) WHERE status = 'failed' AND run_id > ?"
            + (task == nil ? "" : " AND task = ? AND feature_set = ?")
        let arguments: StatementArguments = task.map { [lastRun, $0.rawValue, featureSet?.rawValue] } ?? [lastRun]
        return (try? warehouse.pool.read { try Int64.fetchOne($0, sql: sql, arguments: arguments) }) ?? nil
    }

    static func message(_ error: any Error) -> String { (error as? LocalizedError)?.errorDescription ?? "\(error)" }
}
