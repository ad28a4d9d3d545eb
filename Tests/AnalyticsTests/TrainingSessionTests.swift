import Foundation
import GRDB
import Ingest
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

private let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data/samples")

/// What a session reported, in order: each log line as `line: TEXT`, the tasks' end as `done: RUN_IDS`.
private final class Recorded: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func add(_ progress: TrainingProgress) {
        let item: String
        switch progress {
        case let .line(text): item = "line: " + text
        case let .tasksDone(runs): item = "done: " + runs.map { String($0.runID) }.joined(separator: ",")
        }
        lock.lock()
        items.append(item)
        lock.unlock()
    }

    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }

    func index(_ prefix: String) -> Int? { all.firstIndex { $0.hasPrefix(prefix) } }
}

/// Both real track samples and the playlist sample, and a session with small models (debug builds are slow).
private func sampleSession(_ recorded: Recorded) throws -> (Warehouse, TrainingSession) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-session-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let warehouse = try Warehouse.open(path: folder.appendingPathComponent("w.sqlite").path)
    let ingester = Ingester(warehouse: warehouse)
    for file in ["spotify_tracks_sample.csv", "top_hits_sample.csv", "spotify_playlists_sample.csv"] {
        try ingester.ingest(path: samples.appendingPathComponent(file).path)
    }
    var runner = TrainingRunner(warehouse: warehouse)
    runner.genre.boosting.rounds = 10
    runner.genre.stacking.rounds = 20
    runner.popularity.boosting.rounds = 40
    runner.popularity.boosting.maxLeaves = 15
    runner.clusters.clusterCount = 4
    runner.neighbours.neighbours = 5
    return (warehouse, TrainingSession(runner: runner, progress: recorded.add))
}

private func count(_ warehouse: Warehouse, _ sql: String) throws -> Int {
    try warehouse.pool.read { try Int.fetchOne($0, sql: sql) ?? -1 }
}

struct TrainingSessionTests {
    @Test func trainRunsThePlanInOrderThenReportsTheRunsThenWritesThePlaylistsBack() throws {
        let recorded = Recorded()
        let (warehouse, session) = try sampleSession(recorded)
        let runs = try session.train([(.clusters, .audio), (.neighbours, .audio)], writePlaylists: true)
        #expect(runs.map(\.task) == [.clusters, .neighbours] && runs.map(\.runID) == [1, 2])
        let clusters = try #require(recorded.index("line: run 1: training clusters (audio features)"))
        let neighbours = try #require(recorded.index("line: run 2: training neighbours (audio features)"))
        let done = try #require(recorded.index("done: 1,2"))
        let playlists = try #require(recorded.index("line: playlist recommendations run 1: continuing every playlist"))
        #expect(clusters < neighbours && neighbours < done && done < playlists, "\(recorded.all)")
        #expect(recorded.all.count == playlists + 2 && recorded.all[playlists + 1].contains(" rows for "), "\(recorded.all)")
        #expect(try count(warehouse, "SELECT count(*) FROM model_runs WHERE status = 'succeeded' AND is_champion = 1") == 2)
        #expect(try count(warehouse, "SELECT count(*) FROM playlist_recommendations WHERE run_id = 1") > 0)
    }

    @Test func trainWithoutThePlaylistStepWritesNoPlaylistRun() throws {
        let recorded = Recorded()
        let (warehouse, session) = try sampleSession(recorded)
        try session.train([(.clusters, .audio)], writePlaylists: false)
        #expect(recorded.all.last == "done: 1")
        #expect(try count(warehouse, "SELECT count(*) FROM playlist_recommendation_runs") == 0)
    }

    @Test func trainStopsAtTheFirstFailureWhichIsRecordedAndReportsNoRuns() throws {
        let recorded = Recorded()
        var (warehouse, session) = try sampleSession(recorded)
        session.runner.clusters.clusterCount = 10_000
        #expect(throws: AnalyticsError.self) { try session.train([(.clusters, .audio), (.neighbours, .audio)], writePlaylists: true) }
        #expect(try count(warehouse, "SELECT count(*) FROM model_runs WHERE task = 'clusters' AND status = 'failed'") == 1)
        // Nothing after the failure ran: no neighbours run, no table of runs, no playlists' write-back.
        #expect(try count(warehouse, "SELECT count(*) FROM model_runs WHERE task = 'neighbours'") == 0)
        #expect(recorded.index("done:") == nil && recorded.index("line: playlist") == nil)
        #expect(recorded.all.last?.hasPrefix("line: run 1: failed: clustering into 10000 groups needs at least 10000 tracks") == true)
    }

    /// A failed task is one line (the runner's, naming its run), the other tasks still run, and the report says it failed.
    @Test func retrainReportsAFailedTaskOnceAndGoesOnWithTheOthers() throws {
        let recorded = Recorded()
        var (warehouse, session) = try sampleSession(recorded)
        session.runner.clusters.clusterCount = 10_000
        let report = try session.retrain()
        #expect(report.staleTasks.map(\.0) == [.genre, .genre, .popularity, .popularity, .clusters, .neighbours] && report.playlistsStale)
        let failedRun = try count(warehouse, "SELECT run_id FROM model_runs WHERE task = 'clusters' AND status = 'failed'")
        #expect(report.failures.map(\.task) == [.clusters] && report.failures.first?.runID == Int64(failedRun))
        #expect(report.failures.first?.message.hasPrefix("clustering into 10000 groups needs at least 10000 tracks") == true)
        #expect(report.failed && report.outcomes.map(\.task) == [.genre, .genre, .popularity, .popularity, .neighbours])
        let failureLines = recorded.all.filter { $0.contains("clustering into 10000 groups") }
        #expect(failureLines == ["line: run \(failedRun): failed: " + report.failures[0].message], "\(recorded.all)")
        // The neighbours refit came after the failure, then the runs' table, then the playlists' write-back.
        let failure = try #require(recorded.index("line: run \(failedRun): failed:"))
        let neighbours = try #require(recorded.index("line: neighbours (audio): refit: there is no champion"))
        let done = try #require(recorded.index("done: "))
        let playlists = try #require(recorded.index("line: playlist recommendations run 1: continuing every playlist"))
        #expect(failure < neighbours && neighbours < done && done < playlists)
        #expect(recorded.all[done] == "done: " + report.outcomes.compactMap { $0.run.map { String($0.runID) } }.joined(separator: ","))
        #expect(report.playlists?.runID == 1 && report.playlistFailure == nil)
    }

    @Test func retrainWithNothingStaleSaysSoInOneLineAndDoesNothing() throws {
        let recorded = Recorded()
        var (warehouse, session) = try sampleSession(recorded)
        session.runner.genre.boosting.rounds = 2
        _ = try session.retrain()
        let runs = try count(warehouse, "SELECT count(*) FROM model_runs")
        let again = Recorded()
        session.progress = again.add
        let report = try session.retrain()
        #expect(again.all == ["line: nothing stale: every task has been trained on the newest data"])
        #expect(report.staleTasks.isEmpty && !report.playlistsStale && !report.failed && report.outcomes.isEmpty)
        #expect(try count(warehouse, "SELECT count(*) FROM model_runs") == runs)
    }

    /// A failure before a run is recorded (here the run's row refused) gets the session's line; one the writer recorded,
    /// the writer's: either way one line per failure.
    @Test func retrainSaysOnceWhatFailedWhetherOrNotARunWasRecorded() throws {
        let recorded = Recorded()
        let (warehouse, session) = try sampleSession(recorded)
        try warehouse.pool.write { db in
            try db.execute(sql: """
                CREATE TRIGGER no_clusters BEFORE INSERT ON model_runs WHEN NEW.task = 'clusters'
                BEGIN SELECT RAISE(ABORT, 'no clusters today'); END;
                CREATE TRIGGER no_rows BEFORE INSERT ON playlist_recommendations BEGIN SELECT RAISE(ABORT, 'no rows today'); END;
                """)
        }
        let report = try session.retrain()
        #expect(report.failures.map(\.task) == [.clusters] && report.failures.first?.runID == nil)
        #expect(report.outcomes.map(\.task) == [.genre, .genre, .popularity, .popularity, .neighbours])
        let clusters = recorded.all.filter { $0.contains("no clusters today") }
        #expect(clusters.count == 1 && clusters.first?.hasPrefix("line: clusters (audio) failed: ") == true, "\(recorded.all)")
        let playlists = recorded.all.filter { $0.contains("no rows today") }
        #expect(playlists.count == 1 && playlists.first?.hasPrefix("line: playlist recommendations run 1: failed: ") == true, "\(recorded.all)")
        #expect(report.playlistFailure?.contains("no rows today") == true && report.playlists == nil && report.failed)
        #expect(try count(warehouse, "SELECT count(*) FROM model_runs WHERE task = 'clusters'") == 0)
        #expect(try count(warehouse, "SELECT count(*) FROM playlist_recommendation_runs WHERE status = 'failed'") == 1)
    }
}
