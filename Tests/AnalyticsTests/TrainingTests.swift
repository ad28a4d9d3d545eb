import Core
import Foundation
import GRDB
import Ingest
import Learning
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

private let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data/samples")

/// A warehouse holding both real samples, and a runner with small models (debug builds are slow).
private func sampleWarehouse() throws -> (Warehouse, TrainingRunner) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-train-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let warehouse = try Warehouse.open(path: folder.appendingPathComponent("w.sqlite").path)
    let ingester = Ingester(warehouse: warehouse)
    try ingester.ingest(path: data.appendingPathComponent("spotify_tracks_sample.csv").path)
    try ingester.ingest(path: data.appendingPathComponent("top_hits_sample.csv").path)
    var runner = TrainingRunner(warehouse: warehouse)
    runner.genre.boosting.rounds = 10
    runner.genre.stacking.rounds = 20
    runner.popularity.boosting.rounds = 40
    runner.popularity.boosting.maxLeaves = 15
    runner.clusters.clusterCount = 4
    runner.neighbours.neighbours = 5
    return (warehouse, runner)
}

private func count(_ warehouse: Warehouse, _ sql: String, _ arguments: StatementArguments = []) throws -> Int {
    try warehouse.pool.read { try Int.fetchOne($0, sql: sql, arguments: arguments) ?? -1 }
}

/// `count` new tracks: copies of sample rows (audio, artists, genre) under new ids and titles, so new songs;
/// `genre` replaces their genre tag.
private func ingestNewTracks(_ count: Int, into warehouse: Warehouse, genre: String? = nil, prefix: String = "NEWTRACK",
                             edit: (inout [String]) -> Void = { _ in }) throws {
    let lines = try String(contentsOf: data.appendingPathComponent("spotify_tracks_sample.csv"), encoding: .utf8)
        .split(separator: "\n").map(String.init)
    var csv = lines[0] + "\n"
    for (n, line) in lines[1...count].enumerated() {
        var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let id = prefix + String(n)
        fields[1] = id + String(repeating: "x", count: 22 - id.count)
        fields[4] = "Brand New Song \(n)"
        if let genre { fields[fields.count - 1] = genre }
        edit(&fields)
        csv += fields.joined(separator: ",") + "\n"
    }
    let newer = FileManager.default.temporaryDirectory.appendingPathComponent("newer-\(UUID().uuidString).csv")
    try Data(csv.utf8).write(to: newer)
    try Ingester(warehouse: warehouse).ingest(path: newer.path)
}

private func metrics(_ warehouse: Warehouse, run: Int64) throws -> [String: Any] {
    let text = try warehouse.pool.read { try String.fetchOne($0, sql: "SELECT metrics FROM model_runs WHERE run_id = ?", arguments: [run]) }
    return try JSONSerialization.jsonObject(with: Data((text ?? "{}").utf8)) as! [String: Any]
}

struct TrainingTests {
    @Test func holdoutIsStableAndAboutOneFifth() {
        let holdout = Holdout()
        let ids = (0..<5000).map { "track\($0)" }
        let test = ids.filter(holdout.isTest)
        #expect(test.count > 900 && test.count < 1100)
        #expect(ids.filter(holdout.isTest) == test)
        #expect(Set((0..<2000).map { holdout.fold("t\($0)", folds: 5) }) == [0, 1, 2, 3, 4])
    }

    @Test func popularityWritesAPredictionPerTrackAndItsMetricsMatchThem() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let summary = try runner.run(.popularity)
        let tracks = try count(warehouse, "SELECT count(*) FROM v_popularity_training")
        #expect(try count(warehouse, "SELECT count(*) FROM popularity_predictions WHERE run_id = ?", [summary.runID]) == tracks)
        #expect(try count(warehouse, "SELECT count(*) FROM v_popularity_predictions") == tracks)
        // Recompute R² and MAE from the written holdout predictions.
        let pairs = try warehouse.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.popularity, p.predicted_popularity FROM popularity_holdout_predictions p JOIN v_popularity_training t USING (track_id)
                WHERE p.run_id = ?
                """, arguments: [summary.runID]).map { ($0[0] as Double, $0[1] as Double) }
        }
        // The served answers flag the same tracks as the holdout's.
        #expect(try count(warehouse, "SELECT count(*) FROM popularity_predictions WHERE run_id = ? AND in_holdout = 1", [summary.runID]) == pairs.count)
        let stored = try metrics(warehouse, run: summary.runID)
        #expect(pairs.count == stored["holdout_rows"] as? Int)
        let r2 = try RegressionMetrics.r2(truth: pairs.map(\.0), predicted: pairs.map(\.1))
        let mae = try RegressionMetrics.meanAbsoluteError(truth: pairs.map(\.0), predicted: pairs.map(\.1))
        #expect(abs(r2 - (stored["r2"] as! Double)) < 1e-4)
        #expect(abs(mae - (stored["mae"] as! Double)) < 1e-3)
        #expect(try count(warehouse, "SELECT count(DISTINCT method) FROM feature_importances WHERE run_id = ?", [summary.runID]) == 4)
        #expect(try count(warehouse, "SELECT count(DISTINCT track_id) FROM shap_values WHERE run_id = ?", [summary.runID]) == pairs.count)
    }

    @Test func shapValuesAddUpToThePredictionBeforeItIsClipped() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let summary = try runner.run(.popularity, featureSet: .audio)
        let sums = try warehouse.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.track_id, sum(s.value) AS total, p.predicted_popularity FROM shap_values s
                JOIN popularity_holdout_predictions p ON p.run_id = s.run_id AND p.track_id = s.track_id
                WHERE s.run_id = ? GROUP BY s.track_id
                """, arguments: [summary.runID])
        }
        let expected = try #require(try metrics(warehouse, run: summary.runID)["shap_expected_value"] as? Double)
        #expect(!sums.isEmpty)
        for row in sums {
            // Per-feature values are stored rounded to 6 decimals, predictions to 3.
            let total: Double = row["total"], predicted: Double = row["predicted_popularity"]
            #expect(abs(PopularityModel.clipped(expected + total) - predicted) < 0.01, "track \(row["track_id"] as String)")
        }
    }

    @Test func genreWritesTopThreeAndAccuracyMatchesThem() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let summary = try runner.run(.genre)
        // Every track with audio gets an answer, tagged or not (the untagged from the champion's coverage).
        let tracks = try count(warehouse, "SELECT count(*) FROM v_tracks WHERE danceability IS NOT NULL")
        #expect(tracks > (try count(warehouse, "SELECT count(DISTINCT track_id) FROM v_genre_training")))
        #expect(try count(warehouse, "SELECT count(*) FROM genre_predictions WHERE run_id = ?", [summary.runID]) == tracks * 3)
        let (right, total) = try warehouse.pool.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT sum(p.genre = t.genre), count(*) FROM v_genre_training t
                JOIN genre_holdout_predictions p ON p.track_id = t.track_id AND p.rank = 1 AND p.run_id = ?
                WHERE t.vocabulary = 'track_genre'
                """, arguments: [summary.runID])!
            return (row[0] as Int, row[1] as Int)
        }
        let stored = try metrics(warehouse, run: summary.runID)
        #expect(total == stored["holdout_rows"] as? Int)
        #expect(abs(Double(right) / Double(total) - (stored["accuracy"] as! Double)) < 1e-6)
        let confusion = stored["confusion_matrix"] as! [String: Any]
        #expect((confusion["counts"] as! [[Int]]).joined().reduce(0, +) == total)
        #expect(try count(warehouse, "SELECT count(*) FROM v_genre_predictions") == tracks)
    }

    @Test func genreAudioTreesAreFittedOnceForBothFeatureSets() throws {
        let (warehouse, runner) = try sampleWarehouse()
        _ = try runner.run(.genre, featureSet: .full)
        let audio = try runner.run(.genre, featureSet: .audio)
        let reused = { (runID: Int64) in
            try warehouse.pool.read { try String.fetchOne($0, sql: "SELECT json_extract(hyperparameters, '$.audio_trees_reused') FROM model_runs WHERE run_id = ?", arguments: [runID]) }
        }
        #expect(try reused(audio.runID) == "1")
        // A runner with its own cache fits the trees afresh and gets the same model and score.
        var fresh = runner
        fresh.genre.audioCache = GenreAudioCache()
        let refit = try fresh.run(.genre, featureSet: .audio, promotion: .never)
        #expect(try reused(refit.runID) == "0")
        #expect(refit.score == audio.score)
        let blob = { (runID: Int64) in try warehouse.pool.read { try Data.fetchOne($0, sql: "SELECT model_blob FROM model_runs WHERE run_id = ?", arguments: [runID]) } }
        #expect(try blob(refit.runID) == blob(audio.runID))
    }

    @Test func genreModelBlobRoundTripsAndRejectsCorruption() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let summary = try runner.run(.genre)
        let blob = try warehouse.pool.read { try Data.fetchOne($0, sql: "SELECT model_blob FROM model_runs WHERE run_id = ?", arguments: [summary.runID])! }
        let model = try ModelCoder.decode(GenreModel.self, from: [UInt8](blob))
        #expect(ModelCoder.encode(model) == [UInt8](blob))
        #expect(model.usesRelations)
        var corrupted = [UInt8](blob)
        corrupted[corrupted.count / 2] ^= 0xFF
        #expect(throws: LearningError.self) { try ModelCoder.decode(GenreModel.self, from: corrupted) }
        #expect(throws: LearningError.self) { try ModelCoder.decode(GenreModel.self, from: Array(blob.prefix(blob.count - 9))) }
    }

    @Test func clustersAndNeighboursSkipTracksWithoutAudioAndSayHowMany() throws {
        let (warehouse, runner) = try sampleWarehouse()
        // An Exportify export without audio: Take Me to Your Heart is new and has none (Lucky and Comedy keep theirs).
        try Ingester(warehouse: warehouse).ingest(path: data.appendingPathComponent("exportify/Road Trip.csv").path)
        #expect(try count(warehouse, "SELECT count(*) FROM tracks") - (try count(warehouse, "SELECT count(*) FROM v_audio_features")) == 1)
        let clusters = try runner.run(.clusters)
        let neighbours = try runner.run(.neighbours)
        #expect(try metrics(warehouse, run: clusters.runID)["tracks_without_audio_skipped"] as? Int == 1)
        #expect(try metrics(warehouse, run: neighbours.runID)["tracks_without_audio_skipped"] as? Int == 1)
        #expect(try count(warehouse, "SELECT count(*) FROM cluster_assignments WHERE track_id = '7rdtBpPpe4knfd7aD98h9X'") == 0)
        #expect(try count(warehouse, "SELECT count(*) FROM track_neighbours WHERE '7rdtBpPpe4knfd7aD98h9X' IN (track_id, neighbour_track_id)") == 0)
        #expect(try warehouse.pool.read(WarehouseStats.fetch).tracksWithAudio == (try count(warehouse, "SELECT count(*) FROM tracks")) - 1)
    }

    @Test func clustersAndNeighboursCoverEveryTrack() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let clusters = try runner.run(.clusters)
        let neighbours = try runner.run(.neighbours)
        let tracks = try count(warehouse, "SELECT count(*) FROM v_audio_features")
        #expect(try count(warehouse, "SELECT count(*) FROM cluster_assignments WHERE run_id = ?", [clusters.runID]) == tracks)
        #expect(try count(warehouse, "SELECT count(*) FROM cluster_centroids WHERE run_id = ?", [clusters.runID]) == 4 * 9)
        #expect(try count(warehouse, "SELECT count(DISTINCT cluster_id) FROM v_track_clusters") == 4)
        #expect(try count(warehouse, "SELECT count(*) FROM track_neighbours WHERE run_id = ?", [neighbours.runID]) == tracks * 5)
        #expect(try count(warehouse, "SELECT count(*) FROM v_track_neighbours WHERE track_id = neighbour_track_id") == 0)
        // One neighbour per song: never a copy of the track's own song, never two copies of one song.
        let sameSong = "lower(a.track_name) = lower(b.track_name) AND lower(a.artists) = lower(b.artists)"
        #expect(try count(warehouse, "SELECT count(*) FROM v_tracks a JOIN v_tracks b ON a.track_id < b.track_id AND \(sameSong)") > 0)
        #expect(try count(warehouse, """
            SELECT count(*) FROM track_neighbours n JOIN v_tracks a ON a.track_id = n.track_id
            JOIN v_tracks b ON b.track_id = n.neighbour_track_id WHERE \(sameSong)
            """) == 0)
        #expect(try count(warehouse, """
            SELECT count(*) FROM (SELECT n.track_id FROM track_neighbours n JOIN v_tracks b ON b.track_id = n.neighbour_track_id
            GROUP BY n.track_id, lower(b.track_name), lower(b.artists) HAVING count(*) > 1)
            """) == 0)
        // Ranks go from nearest to farthest.
        #expect(try count(warehouse, """
            SELECT count(*) FROM track_neighbours a JOIN track_neighbours b ON a.run_id = b.run_id AND a.track_id = b.track_id
            AND b.rank = a.rank + 1 WHERE a.distance > b.distance + 1e-9
            """) == 0)
    }

    @Test func championChangesOnlyWhenBeatenOrForced() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let first = try runner.run(.popularity)
        #expect(first.promoted)
        let same = try runner.run(.popularity)
        #expect(!same.promoted)
        #expect(abs((same.championScore ?? -1) - (same.score ?? 1)) < 1e-6) // the run's score is its stored metric, rounded to 6 digits
        let forced = try runner.run(.popularity, promotion: .always)
        #expect(forced.promoted)
        let never = try runner.run(.popularity, promotion: .never)
        #expect(!never.promoted)
        #expect(try count(warehouse, "SELECT run_id FROM model_runs WHERE task = 'popularity' AND feature_set = 'full' AND is_champion = 1") == Int(forced.runID))
        #expect(try count(warehouse, "SELECT count(DISTINCT run_id) FROM v_popularity_predictions") == 1)
        // Old runs stay queryable until pruned.
        #expect(try count(warehouse, "SELECT count(DISTINCT run_id) FROM popularity_predictions") == 4)
        let pruned = try warehouse.write { try ModelRuns.prune($0) }
        #expect(pruned == 3)
        #expect(try count(warehouse, "SELECT count(DISTINCT run_id) FROM popularity_predictions") == 1)
    }

    /// A tie keeps the champion on the same data; on newer data the new run wins, so its answers cover the new tracks.
    @Test func aTieOnNewerDataPromotesTheNewRun() {
        let result = TaskResult(task: .genre, featureSet: .full, algorithm: "x", hyperparameters: .genre(.init()), metrics: .genre(.empty), score: 0.7308,
                                scoreName: "accuracy", dataRows: 10, trainRows: 8, testRows: 2, blob: nil, fitSeconds: 0,
                                writeOutputs: { _, _ in }, scoreChampion: { _ in nil })
        let champion = ModelRuns.Champion(runID: 7, metrics: .genre(.empty), dataIngestID: 1, blob: nil)
        let same = TrainingRunner.decide(policy: .ifBetter, result: result, champion: champion, championScore: 0.73081,
                                         rescored: true, version: DataVersion(ingestIDs: [1], newestIngestID: 1))
        #expect(!same.0)
        let newer = TrainingRunner.decide(policy: .ifBetter, result: result, champion: champion, championScore: 0.73081,
                                          rescored: true, version: DataVersion(ingestIDs: [1, 2], newestIngestID: 2))
        #expect(newer.0)
        #expect(newer.1 == "promoted: accuracy 0.7308 ties champion run 7 on this run's holdout, and this run saw newer data")
        let worse = TrainingRunner.decide(policy: .ifBetter, result: result, champion: champion, championScore: 0.74,
                                          rescored: true, version: DataVersion(ingestIDs: [1, 2], newestIngestID: 2))
        #expect(!worse.0)
    }

    @Test func clusterIDsFollowTheChampionsNearestCentroids() throws {
        // A permuted, slightly moved copy of the old centroids gets the old ids back; an extra cluster takes a free id.
        let old: [Int: [Double]] = [0: [0, 0], 1: [5, 5], 2: [10, 0]]
        #expect(ClusterIDs.matching(new: [[9.8, 0.1], [0.2, -0.1], [5.1, 4.9]], old: old) == [2, 0, 1])
        #expect(ClusterIDs.matching(new: [[5, 5], [0, 0], [10, 0], [20, 20]], old: old) == [1, 0, 2, 3])
        #expect(ClusterIDs.matching(new: [[1, 1], [2, 2]], old: [:]) == [0, 1])

        // Retrained with another seed: the ids agree as well as any renaming of the new clusters could make them.
        let (warehouse, runner) = try sampleWarehouse()
        var first = runner
        first.clusters.clusterCount = 4
        let a = try first.run(.clusters)
        var second = first
        second.clusters.seed = 99
        let b = try second.run(.clusters, promotion: .always)
        var overlap = [[Int]](repeating: [Int](repeating: 0, count: 4), count: 4)
        for row in try warehouse.pool.read({ try Row.fetchAll($0, sql: """
            SELECT x.cluster_id, y.cluster_id FROM cluster_assignments x JOIN cluster_assignments y ON y.track_id = x.track_id
            WHERE x.run_id = ? AND y.run_id = ?
            """, arguments: [a.runID, b.runID]) }) { overlap[row[0] as Int][row[1] as Int] += 1 }
        func permutations(_ items: [Int]) -> [[Int]] {
            items.count <= 1 ? [items] : items.flatMap { first in permutations(items.filter { $0 != first }).map { [first] + $0 } }
        }
        let kept = (0..<4).reduce(0) { $0 + overlap[$1][$1] }
        let best = permutations([0, 1, 2, 3]).map { p in (0..<4).reduce(0) { $0 + overlap[$1][p[$1]] } }.max()!
        #expect(kept == best, "\(kept) tracks kept their id; the best renaming keeps \(best)")
    }

    @Test func aFailedRunIsRecordedAndLeavesTheChampion() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let champion = try runner.run(.clusters)
        var failing = runner
        failing.clusters.clusterCount = 10_000
        #expect(throws: AnalyticsError.self) { try failing.run(.clusters) }
        #expect(try count(warehouse, "SELECT count(*) FROM model_runs WHERE status = 'failed' AND task = 'clusters'") == 1)
        #expect(try count(warehouse, "SELECT run_id FROM model_runs WHERE task = 'clusters' AND is_champion = 1") == Int(champion.runID))
        #expect(try count(warehouse, "SELECT count(*) FROM cluster_assignments WHERE run_id != ?", [champion.runID]) == 0)
    }

    @Test func aSecondTrainerIsRefusedWhileOneHoldsTheLock() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let held = try runner.lock()
        do {
            _ = try runner.run(.neighbours)
            Issue.record("trained while another held the lock")
        } catch let error as StoreError {
            guard case let .runBusy(run, path, holder) = error else { Issue.record("\(error)"); return }
            #expect(run == "training run" && path == warehouse.path + ".train-lock" && holder.processID == "\(getpid())")
            #expect(holder.since?.hasPrefix("20") == true)
        }
        withExtendedLifetime(held) {}
    }

    /// A symbolic link planted where the lock goes (say, to a file only root may write) is refused, not followed.
    @Test func aSymlinkedTrainingLockIsRefusedAndItsTargetKeepsItsContent() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let target = URL(fileURLWithPath: warehouse.path).deletingLastPathComponent().appendingPathComponent("precious.txt")
        try Data("precious\n".utf8).write(to: target)
        let lockPath = warehouse.path + ".train-lock"
        try FileManager.default.createSymbolicLink(atPath: lockPath, withDestinationPath: target.path)
        do {
            _ = try runner.run(.neighbours)
            Issue.record("trained through a symbolic link at \(lockPath)")
        } catch {
            #expect(error.localizedDescription.contains(lockPath) && error.localizedDescription.contains("symbolic link"),
                    "\(error.localizedDescription)")
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "precious\n")
        #expect(try count(warehouse, "SELECT count(*) FROM model_runs") == 0)
    }

    @Test func interruptedRunsAreMarkedFailed() throws {
        let (warehouse, runner) = try sampleWarehouse()
        try warehouse.pool.write { db in
            // Its PID now belongs to a live process (init): only the free training lock says the run is dead.
            try db.execute(sql: "INSERT INTO model_runs (task, feature_set, algorithm, status, started_at, process_id) VALUES ('genre', 'full', 'x', 'running', 'then', 1)")
        }
        _ = try runner.run(.neighbours)
        let message = try warehouse.pool.read { try String.fetchOne($0, sql: "SELECT message FROM model_runs WHERE run_id = 1") }
        #expect(message?.hasPrefix("interrupted") == true)
    }

    @Test func staleTasksFollowNewData() throws {
        let (warehouse, runner) = try sampleWarehouse()
        _ = try runner.run(.neighbours)
        let tasks: [(TrainingTask, FeatureSet)] = [(.neighbours, .audio), (.clusters, .audio)]
        #expect(try warehouse.read { try ModelRuns.stale($0, tasks: tasks) }.map(\.0) == [.clusters])
        let newer = FileManager.default.temporaryDirectory.appendingPathComponent("newer-\(UUID().uuidString).csv")
        try Data("name,artist,danceability,energy,loudness,speechiness,acousticness,instrumentalness,liveness,valence,tempo\nNew,Someone,0.5,0.5,-5,0.1,0.1,0,0.1,0.5,120\n".utf8).write(to: newer)
        try Ingester(warehouse: warehouse).ingest(path: newer.path)
        #expect(try warehouse.read { try ModelRuns.stale($0, tasks: tasks) }.map(\.0) == [.neighbours, .clusters])
        let rerun = try runner.run(.neighbours)
        #expect(rerun.promoted)
        #expect(rerun.decision.contains("older data"))
    }

    /// Clusters cannot re-score their champion: on the same data the stored silhouette decides (a tie keeps the
    /// champion); on newer data the new run wins. A run on the newest data that loses leaves the task fresh.
    @Test func unscorableChampionsGiveWayToNewerDataAndLosingRunsEndStaleness() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let first = try runner.run(.clusters)
        let again = try runner.run(.clusters)
        #expect(first.promoted && !again.promoted)
        #expect(again.score.map { JSON.round($0, 4) } == again.championScore.map { JSON.round($0, 4) })
        #expect(again.decision.hasSuffix("on the same data"))
        _ = try runner.run(.popularity)
        let newer = FileManager.default.temporaryDirectory.appendingPathComponent("newer-\(UUID().uuidString).csv")
        try Data("name,artist,danceability,energy,loudness,speechiness,acousticness,instrumentalness,liveness,valence,tempo,popularity\nNew,Someone,0.5,0.5,-5,0.1,0.1,0,0.1,0.5,120,40\n".utf8).write(to: newer)
        try Ingester(warehouse: warehouse).ingest(path: newer.path)
        let tasks: [(TrainingTask, FeatureSet)] = [(.clusters, .audio), (.popularity, .full)]
        #expect(try warehouse.read { try ModelRuns.stale($0, tasks: tasks) }.count == 2)
        let onNewer = try runner.run(.clusters)
        #expect(onNewer.promoted)
        #expect(onNewer.decision == "promoted: champion run \(first.runID) saw older data and cannot be scored on this run's holdout")
        let lost = try runner.run(.popularity, promotion: .never)
        #expect(!lost.promoted)
        #expect(try warehouse.read { try ModelRuns.stale($0, tasks: tasks) }.isEmpty)
    }

    /// A retrain the champions win still leaves an answer for every new track: the kept champions score them.
    @Test func keptChampionsAnswerTracksLoadedAfterThem() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let tasks: [(TrainingTask, FeatureSet)] = [(.genre, .full), (.popularity, .full), (.clusters, .audio), (.neighbours, .audio)]
        for (task, featureSet) in tasks { _ = try runner.run(task, featureSet: featureSet) }
        try ingestNewTracks(3, into: warehouse)
        for (task, featureSet) in tasks {
            let kept = try runner.run(task, featureSet: featureSet, promotion: .never)
            #expect(!kept.promoted && kept.coveredTracks == 3, "\(task): \(kept.coveredTracks) covered")
        }
        for view in ["v_genre_predictions", "v_popularity_predictions", "v_track_clusters", "v_track_neighbours"] {
            #expect(try count(warehouse, "SELECT count(DISTINCT track_id) FROM \(view) WHERE track_id LIKE 'NEWTRACK%'") == 3, "\(view)")
        }
        #expect(try count(warehouse, "SELECT count(*) FROM v_genre_predictions WHERE track_id LIKE 'NEWTRACK%' AND second_genre IS NOT NULL") == 3)
        #expect(try count(warehouse, "SELECT count(*) FROM v_track_neighbours WHERE track_id LIKE 'NEWTRACK%'") == 3 * runner.neighbours.neighbours)
        // Both ways: the original of each copy (same audio, distance 0) now lists the new track first.
        #expect(try count(warehouse, "SELECT count(*) FROM v_track_neighbours WHERE neighbour_track_id LIKE 'NEWTRACK%' AND rank = 1 AND distance = 0") >= 3)
        // Lists stay ranked by distance and k long.
        #expect(try count(warehouse, "SELECT count(*) FROM (SELECT track_id FROM v_track_neighbours GROUP BY track_id HAVING count(*) > ?)",
                          [runner.neighbours.neighbours]) == 0)
        #expect(try count(warehouse, """
            SELECT count(*) FROM track_neighbours a JOIN track_neighbours b ON a.run_id = b.run_id AND a.track_id = b.track_id
            AND b.rank = a.rank + 1 WHERE a.distance > b.distance + 1e-9
            """) == 0)
        // The champion's holdout figures are untouched: the rows it added are not in the holdout.
        #expect(try count(warehouse, "SELECT count(*) FROM v_popularity_predictions WHERE track_id LIKE 'NEWTRACK%' AND in_holdout = 1") == 0)
    }

    /// A kept clusters champion assigns tracks loaded after it with its own model in its own units: standardized by the
    /// means and scales its run kept (not today's, which the new tracks moved), to the nearest of its centroids.
    @Test func keptClustersChampionAssignsNewTracksInItsOwnStandardization() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let champion = try runner.run(.clusters, featureSet: .audio)
        // Fast, loud, quiet-valued copies: enough of them to move today's tempo and loudness means well away.
        try ingestNewTracks(60, into: warehouse, prefix: "SHIFTED") { fields in fields[18] = "215.5"; fields[11] = "-31.25" }
        let kept = try runner.run(.clusters, featureSet: .audio, promotion: .never)
        // Rows whose quoted fields split differently were rejected; the others load as new tracks with audio.
        let shifted = try count(warehouse, "SELECT count(*) FROM audio_features WHERE track_id LIKE 'SHIFTED%'")
        #expect(shifted >= 40 && !kept.promoted && kept.coveredTracks == shifted, "\(shifted) loaded, \(kept.coveredTracks) covered")
        let (stored, centroids, rows, written) = try warehouse.pool.read { db in
            let stored = try #require(try ModelRuns.find(db, id: champion.runID)?.hyperparameters.clusters)
            var centroids: [Int: [String: Double]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT cluster_id, feature, value FROM cluster_centroids WHERE run_id = ?", arguments: [champion.runID]) {
                centroids[row[0], default: [:]][row[1]] = row[2]
            }
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM audio_features WHERE track_id LIKE 'SHIFTED%' ORDER BY track_id")
            var written: [String: (Int, Double)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT track_id, cluster_id, distance FROM cluster_assignments WHERE run_id = ? AND track_id LIKE 'SHIFTED%'",
                                        arguments: [champion.runID]) { written[row[0]] = (row[1], row[2]) }
            return (stored, centroids, rows, written)
        }
        let features = try #require(stored.features), means = try #require(stored.featureMeans), scales = try #require(stored.featureScales)
        #expect(rows.count == shifted && written.count == shifted && centroids.count == 4)
        for row in rows {
            // Centroids are stored in the features' own units (rounded to 5 digits): both sides standardized alike.
            let z = { (value: Double, c: Int) in (value - means[c]) / scales[c] }
            let nearest = centroids.map { id, centroid -> (Int, Double) in
                (id, features.indices.reduce(0.0) { sum, c in
                    let diff = z(row[features[c]] as Double, c) - z(centroid[features[c]]!, c)
                    return sum + diff * diff
                }.squareRoot())
            }.min { $0.1 < $1.1 }!
            let id: String = row["track_id"]
            let answer = try #require(written[id])
            #expect(answer.0 == nearest.0 && abs(answer.1 - nearest.1) < 1e-3, "\(id): \(answer) against \(nearest)")
        }
    }

    /// Coverage lists a new track's neighbours by the search training runs: a kept champion's list for each new track
    /// equals the list a neighbours run on the same data writes for it.
    @Test func keptNeighboursChampionListsNewTracksAsTrainingDoes() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let champion = try runner.run(.neighbours, featureSet: .audio)
        try ingestNewTracks(12, into: warehouse, prefix: "SHIFTED") { fields in fields[18] = "215.5" }
        let challenger = try runner.run(.neighbours, featureSet: .audio, promotion: .never)
        #expect(!challenger.promoted && challenger.coveredTracks == 12)
        let lists = try warehouse.pool.read { db in
            try [champion.runID, challenger.runID].map { run in
                try Row.fetchAll(db, sql: """
                    SELECT track_id, rank, neighbour_track_id, distance FROM track_neighbours WHERE run_id = ? AND track_id LIKE 'SHIFTED%'
                    ORDER BY track_id, rank
                    """, arguments: [run]).map { "\($0[0] as String) \($0[1] as Int) \($0[2] as String) \($0[3] as Double)" }
            }
        }
        #expect(lists[0].count == 12 * runner.neighbours.neighbours)
        #expect(lists[0] == lists[1])
    }

    /// Popularity trains on the rows served answers are built from (`PopularityTrainer.features(of:)` over each
    /// track's record), and those rows are what the SQL interface `v_popularity_training` shows, for every training track.
    @Test func popularityTrainingRowsAreTheRecordsRowsAndMatchTheTrainingView() throws {
        let (warehouse, _) = try sampleWarehouse()
        try ingestNewTracks(3, into: warehouse)
        let (rows, view, records) = try warehouse.pool.read { db in
            let rows = try PopularityTrainer.trainingRows(db)
            let view = try ViewRows.read(db, view: "v_popularity_training", numeric: ["popularity"] + PopularityTrainer.audioColumns, text: ["genre"])
            return (rows, view, try WarehouseTrackRecords.read(db, trackIDs: rows.trackIDs))
        }
        #expect(rows.count > 200 && rows.trackIDs == view.trackIDs && records.map(\.trackID) == rows.trackIDs)
        // Missing values (NaN) compare equal: the same hole in both.
        func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }
        for (i, record) in records.enumerated() {
            let features = PopularityTrainer.features(of: record)
            #expect(rows.text["genre"]![i] == features.genre && view.text["genre"]![i] == features.genre, "\(record.trackID)")
            #expect(rows.numeric["popularity"]![i] == Double(record.popularity!) && view.numeric["popularity"]![i] == rows.numeric["popularity"]![i])
            for (c, column) in PopularityTrainer.audioColumns.enumerated() {
                #expect(same(rows.numeric[column]![i], features.audio[c]) && same(view.numeric[column]![i], features.audio[c]),
                        "\(record.trackID) \(column)")
            }
        }
        // The top-hits sample has no time signature: the filled value, not a hole, on both sides.
        #expect(rows.numeric["time_signature"]!.allSatisfy { !$0.isNaN })
    }

    /// Tracks without audio by artists the champions know (an Exportify export and an MPD slice loaded after training)
    /// are answered by `explain` and `predict` from their relations; a kept champion writes those same answers back.
    @Test func keptChampionsWriteBackEveryAnswerPredictGivesIncludingTracksWithoutAudio() throws {
        let (warehouse, runner) = try sampleWarehouse()
        for task in [TrainingTask.genre, .popularity] { _ = try runner.run(task) }
        let ingester = Ingester(warehouse: warehouse)
        try ingester.ingest(path: data.appendingPathComponent("exportify/Road Trip.csv").path)
        try ingester.ingest(path: data.appendingPathComponent("mpd/mpd.slice.0-2.json").path)
        // New songs without audio by three of the sample's artists (an export made since Spotify stopped giving audio).
        let lines = try String(contentsOf: data.appendingPathComponent("spotify_tracks_sample.csv"), encoding: .utf8).split(separator: "\n")
        var csv = lines[0] + "\n"
        for (n, line) in lines[1...3].enumerated() {
            var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[1] = "NOAUDIO" + String(n) + String(repeating: "x", count: 14)
            fields[4] = "Unheard Song \(n)"
            for c in 8...20 { fields[c] = "" }
            csv += fields.joined(separator: ",") + "\n"
        }
        let newer = FileManager.default.temporaryDirectory.appendingPathComponent("noaudio-\(UUID().uuidString).csv")
        try Data(csv.utf8).write(to: newer)
        try ingester.ingest(path: newer.path)
        for task in [TrainingTask.genre, .popularity] {
            let kept = try runner.run(task, promotion: .never)
            #expect(!kept.promoted && kept.coveredTracks > 0, "\(task)")
        }
        let (answers, genres, popularity) = try warehouse.pool.read { db in
            let ids = try String.fetchAll(db, sql: "SELECT track_id FROM tracks ORDER BY track_id")
            let answers = try Predictor(db).predict(try WarehouseTrackRecords.read(db, trackIDs: ids))
            var genres: [String: (String, Double)] = [:], popularity: [String: Double] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT track_id, predicted_genre, genre_probability FROM v_genre_predictions") {
                genres[row[0]] = (row[1], row[2])
            }
            for row in try Row.fetchAll(db, sql: "SELECT track_id, predicted_popularity FROM v_popularity_predictions") { popularity[row[0]] = row[1] }
            return (answers, genres, popularity)
        }
        let relations = answers.filter { $0.genreModel == "relations" }
        #expect(Set(relations.map(\.trackID)).isSuperset(of: (0..<3).map { "NOAUDIO\($0)" + String(repeating: "x", count: 14) }))
        for answer in answers where answer.genreModel != Predictor.noEvidence && answer.genreModel != "audio" {
            let stored = genres[answer.trackID]
            #expect(stored != nil, "\(answer.trackID) (\(answer.genreModel ?? "-"))")
            // Rows written at training are the evaluated model's; the rows coverage wrote are the served answers.
            if let stored, let top = answer.genres.first, answer.genreModel == "relations" {
                #expect(stored.0 == top.genre && abs(stored.1 - top.probability) < 1e-3)
            }
        }
        for answer in answers where answer.popularityModel != Predictor.noEvidence && answer.popularityModel != "audio" {
            let stored = popularity[answer.trackID]
            #expect(stored != nil, "\(answer.trackID) (\(answer.popularityModel ?? "-"))")
            if let stored, let predicted = answer.popularity, answer.popularityModel == "relations" { #expect(abs(stored - predicted) < 1e-3) }
        }
        // Tracks nothing answers have no row.
        for answer in answers where answer.genreModel == Predictor.noEvidence { #expect(genres[answer.trackID] == nil) }
    }

    /// `retrain` scores a few new tracks with the champions and refits once the data has moved: 5% new tracks or a
    /// new genre label; `--force` always refits.
    @Test func retrainScoresFewNewTracksAndRefitsWhenTheDataMoved() throws {
        let (warehouse, runner) = try sampleWarehouse()
        _ = try runner.run(.popularity)
        _ = try runner.run(.clusters)
        func plan(_ task: TrainingTask, force: Bool = false) throws -> RetrainPlan {
            try warehouse.pool.read { try RetrainPlan.decide($0, task: task, featureSet: task == .clusters ? .audio : .full, force: force) }
        }
        #expect(try plan(.genre) == RetrainPlan(action: .refit, reason: "there is no champion"))
        let seen = try count(warehouse, "SELECT count(*) FROM tracks")
        try ingestNewTracks(3, into: warehouse)
        let few = try plan(.popularity)
        #expect(few.action == .score)
        #expect(few.reason == "3 new tracks since champion run 1 are \(String(format: "%.1f", 300.0 / Double(seen)))% of the \(seen) it saw (refit at 5%)")
        #expect(try plan(.popularity, force: true) == RetrainPlan(action: .refit, reason: "forced (--force)"))
        let lock = try runner.lock()
        let scored = try runner.retrain(.popularity, featureSet: .full, holding: lock)
        #expect(scored.run == nil && scored.championRunID == 1 && scored.scoredTracks == 3)
        #expect(try count(warehouse, "SELECT count(*) FROM v_popularity_predictions WHERE track_id LIKE 'NEWTRACK%'") == 3)
        #expect(try count(warehouse, "SELECT count(*) FROM model_runs") == 2)
        withExtendedLifetime(lock) {}

        // Enough new tracks for 5% of those the champions saw: a refit.
        let more = Int((Double(seen) * RetrainPlan.refitShare).rounded(.up)) - 3
        try ingestNewTracks(more, into: warehouse, prefix: "MORE")
        #expect(try plan(.clusters).action == .refit)
        #expect(try plan(.clusters).reason.hasPrefix("\(more + 3) new tracks since champion run 2"))
        // A genre label no track carried when the champion trained: popularity refits, clusters (no genres) do not care.
        let (other, small) = try sampleWarehouse()
        _ = try small.run(.popularity)
        _ = try small.run(.clusters)
        _ = try small.run(.genre, featureSet: .audio)
        // A new label in the top-hits vocabulary: not one of the genre champion's classes (track_genre), so no refit for it.
        let hits = FileManager.default.temporaryDirectory.appendingPathComponent("hits-\(UUID().uuidString).csv")
        try Data("artist,song,duration_ms,explicit,year,popularity,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,genre\nSomeone New,A Hit,200000,False,2019,70,0.7,0.8,1,-5,1,0.05,0.1,0,0.1,0.6,120,brand-new-hits-genre\n".utf8).write(to: hits)
        try Ingester(warehouse: other).ingest(path: hits.path)
        #expect(try other.pool.read { try RetrainPlan.decide($0, task: .genre, featureSet: .audio, force: false) }.action == .score)
        #expect(try other.pool.read { try RetrainPlan.decide($0, task: .popularity, featureSet: .full, force: false) }.reason
            == "genre 'brand-new-hits-genre' is new since champion run 1")
        try ingestNewTracks(1, into: other, genre: "brand-new-genre")
        #expect(try other.pool.read { try RetrainPlan.decide($0, task: .genre, featureSet: .audio, force: false) }
            == RetrainPlan(action: .refit, reason: "genre 'brand-new-genre' is new since champion run 3"))
        #expect(try other.pool.read { try RetrainPlan.decide($0, task: .popularity, featureSet: .full, force: false) }
            == RetrainPlan(action: .refit, reason: "genre 'brand-new-genre' is new since champion run 1"))
        #expect(try other.pool.read { try RetrainPlan.decide($0, task: .clusters, featureSet: .audio, force: false) }.action == .score)
    }

    /// Only the top-hits dump lacks time_signature: its absence stands for the source, so no model may learn from it.
    @Test func aMissingTimeSignatureIsNotASignal() throws {
        let (warehouse, runner) = try sampleWarehouse()
        _ = try runner.run(.popularity)
        _ = try runner.run(.genre)
        let hit: String = try #require(try warehouse.pool.read {
            try String.fetchOne($0, sql: "SELECT track_id FROM v_tracks WHERE time_signature IS NULL AND danceability IS NOT NULL LIMIT 1")
        })
        // The tree never split on a missing time_signature: a track without it is answered as one in 4/4.
        let predictor = try warehouse.pool.read { try Predictor($0) }
        var record = TrackRecord(trackID: "0000000000000000000003", name: "Any", artists: ["Nobody Anyone Knows"], durationMs: 200_000)
        record.features.energy = 0.7
        record.features.danceability = 0.6
        var inFourFour = record
        inFourFour.features.timeSignature = 4
        let answers = try predictor.predict([record, inFourFour])
        #expect(answers[0].popularity != nil && answers[0].popularity == answers[1].popularity)
        #expect(answers[0].genres.map(\.genre) == answers[1].genres.map(\.genre))
        let explanation = try warehouse.pool.read { try TrackExplanation.explain(hit, in: $0) }
        let sentences = (explanation.popularityContributions + explanation.genreContributions).map(\.sentence)
        #expect(!sentences.isEmpty)
        #expect(!sentences.contains { $0.contains("missing time_signature") }, "\(sentences)")
        #expect(explanation.popularityContributions.first { $0.feature == "time_signature" }?.value == 4)
    }

    /// Scored on the holdout, served with what every track teaches: an artist credited only on held-out tracks is
    /// known to the served champions, and a later run is not compared with the champion on tracks it learned from.
    @Test func servedModelsLearnFromTheHoldoutAfterScoring() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let genre = try runner.run(.genre)
        let popularity = try runner.run(.popularity)
        let holdoutOnly: String = try #require(try warehouse.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.name, group_concat(ta.track_id, ';') AS ids FROM track_artists ta JOIN artists a USING (artist_id)
                JOIN track_genres tg ON tg.track_id = ta.track_id GROUP BY a.artist_id
                """).first { row in (row["ids"] as String).split(separator: ";").allSatisfy { Holdout().isTest(String($0)) } }?["name"]
        })
        let predictor = try warehouse.pool.read { try Predictor($0) }
        var record = TrackRecord(trackID: "0000000000000000000004", name: "Tomorrow", artists: [holdoutOnly], durationMs: 200_000)
        record.features.energy = 0.5
        let answer = try predictor.predict([record])[0]
        #expect(answer.genreModel == "full" && answer.popularityModel == "full", "\(holdoutOnly)")
        let runs = try warehouse.read { try ModelRuns.all($0) }
        let popularityRun = try #require(runs.first { $0.runID == popularity.runID })
        let tracks = try count(warehouse, "SELECT count(*) FROM v_popularity_training")
        #expect(popularityRun.learnedFrom == "scored on \(popularity.testRows.formatted()) held-out tracks; served model learned from all \(tracks.formatted()) (its artist and album records; its trees from the other \((tracks - popularity.testRows).formatted()))")
        #expect(runs.first { $0.runID == genre.runID }?.learnedFrom?.hasPrefix("scored on ") == true)
        // A run on the same data is compared with the champion's stored holdout metric, not a re-score of the served model.
        let again = try runner.run(.popularity)
        let stored = try metrics(warehouse, run: popularity.runID)["r2"] as? Double
        #expect(!again.promoted && again.championScore == stored)
    }

    /// The two sample dumps name genres in two vocabularies; the classifier learns one: by default the one with the
    /// most tagged tracks, or the one asked for; the other's labels are never classes.
    @Test func genreClassesComeFromOneTaxonomy() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let vocabularies = try warehouse.pool.read { try Row.fetchAll($0, sql: """
            SELECT vocabulary, count(DISTINCT track_id) AS n FROM v_genre_training GROUP BY vocabulary ORDER BY n DESC
            """).map { ($0[0] as String, $0[1] as Int) } }
        #expect(vocabularies.map(\.0) == ["track_genre", "genre"])
        // 'rock' is a label in both vocabularies: two rows.
        #expect(try count(warehouse, "SELECT count(*) FROM genres WHERE name = 'rock'") == 2)
        func classes(_ run: RunSummary) throws -> Set<String> {
            let blob = try #require(try warehouse.pool.read { try Data.fetchOne($0, sql: "SELECT model_blob FROM model_runs WHERE run_id = ?", arguments: [run.runID]) })
            return Set(try ModelCoder.decode(GenreModel.self, from: [UInt8](blob)).classNames)
        }
        func labels(_ vocabulary: String) throws -> Set<String> {
            Set(try warehouse.pool.read { try String.fetchAll($0, sql: "SELECT DISTINCT genre FROM v_genre_training WHERE vocabulary = ?", arguments: [vocabulary]) })
        }
        let byDefault = try runner.run(.genre, featureSet: .audio)
        #expect(try classes(byDefault) == labels("track_genre"))
        #expect(try warehouse.read { try ModelRuns.run($0, id: byDefault.runID) }.taxonomy == "track_genre")
        var topHits = runner
        topHits.genre.taxonomy = "genre"
        let asked = try topHits.run(.genre, featureSet: .audio, promotion: .always)
        #expect(try classes(asked) == labels("genre"))
        // A forced retrain, with no taxonomy asked for, keeps the one its champion was trained on.
        let refit = try #require(try runner.retrain(.genre, featureSet: .audio, force: true, holding: try runner.lock()).run)
        #expect(try classes(refit) == labels("genre"))
        var unknown = runner
        unknown.genre.taxonomy = "nonsense"
        #expect(throws: AnalyticsError.notAnswerable("no genre taxonomy 'nonsense' among the warehouse's tagged tracks; it has track_genre (\(vocabularies[0].1) tracks), genre (\(vocabularies[1].1) tracks)")) {
            try unknown.run(.genre, featureSet: .audio)
        }
    }

    /// Tags the champion did not learn are named as evidence beside its answer: a song tagged in both sample
    /// vocabularies (Spotify Tracks' track_genre, a top-hits row's genre) and its artist's genres from an Exportify
    /// export, each labelled with its vocabulary.
    @Test func otherVocabulariesTagsAndArtistGenresAreEvidence() throws {
        let (warehouse, runner) = try sampleWarehouse()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-evidence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The same song in the top-hits layout (a derived id, genre vocabulary).
        let topHit = folder.appendingPathComponent("top_hit.csv")
        try Data("""
            artist,song,duration_ms,explicit,year,popularity,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,genre
            Gen Hoshino,Comedy,230666,False,2019,73,0.676,0.461,1,-6.746,0,0.143,0.0322,1.01e-06,0.358,0.715,87.917,"pop, Dance/Electronic"

            """.utf8).write(to: topHit)
        let ingester = Ingester(warehouse: warehouse)
        try ingester.ingest(path: topHit.path)
        try ingester.ingest(path: data.appendingPathComponent("exportify/Road Trip.csv").path)
        #expect(try count(warehouse, """
            SELECT count(DISTINCT g.vocabulary) FROM tracks t JOIN track_genres tg USING (track_id) JOIN genres g USING (genre_id)
            JOIN track_artists ta ON ta.track_id = t.track_id JOIN artists a ON a.artist_id = ta.artist_id
            WHERE a.name = 'Gen Hoshino' AND t.name = 'Comedy'
            """) == 2)

        let comedy = TrackRecord(trackID: "5SuOikwiRyPMVoIQDJUgSV", name: "Comedy", artists: ["Gen Hoshino"], genres: ["acoustic"])
        let remaster = TrackRecord(trackID: "not-in-the-warehouse", name: "Comedy - Remastered 2024", artists: ["Gen Hoshino"])
        let stranger = TrackRecord(trackID: "nobody", name: "Comedy", artists: ["Nobody Known"])
        let fromTopHits = TrackRecord(trackID: "nobody-2", name: "Lucky", artists: ["Nobody Known"], genres: ["pop", "R&B"])
        // No genre champion: the vocabulary `train genre` would learn (track_genre, most tagged tracks) is the classes'.
        let byDefault = try warehouse.pool.read { db in
            (try GenreTagEvidence.read([comedy, remaster, stranger], vocabulary: "track_genre", in: db),
             try GenreTagEvidence.read([fromTopHits], vocabulary: "genre", in: db))
        }
        let expected = GenreTagEvidence(trackTags: [.init(vocabulary: "genre", genres: ["Dance/Electronic", "pop"])],
                                        artistGenres: [.init(vocabulary: "exportify", genres: ["j-pop", "j-rock"])])
        #expect(byDefault.0 == [expected, expected, GenreTagEvidence()])
        #expect(expected.summary == "also tagged: Dance/Electronic, pop (genre); artist genres: j-pop, j-rock (exportify)")
        #expect(byDefault.1.map(\.summary) == ["also tagged: pop, R&B (genre)"])

        // A champion trained on the top-hits vocabulary: its tags are classes, Spotify Tracks' are the evidence.
        var topHits = runner
        topHits.genre.taxonomy = "genre"
        _ = try topHits.run(.genre, featureSet: .audio, promotion: .always)
        let onGenre = try warehouse.pool.read { try GenreTagEvidence.read([comedy], vocabulary: "track_genre", in: $0) }
        #expect(onGenre.map(\.trackTagsText) == ["acoustic, j-pop, singer-songwriter, songwriter (track_genre)"])
        #expect(onGenre.map(\.artistGenresText) == ["j-pop, j-rock (exportify)"])
    }

    /// The full champions answer whenever there is more than audio to read (a known artist, or words of a title and
    /// names); the audio-only champions only for a track known by its audio alone.
    @Test func predictUsesTheAudioChampionOnlyForTracksKnownByTheirAudioAlone() throws {
        let (warehouse, runner) = try sampleWarehouse()
        _ = try runner.run(.genre, featureSet: .full)
        _ = try runner.run(.genre, featureSet: .audio)
        _ = try runner.run(.popularity, featureSet: .full)
        _ = try runner.run(.popularity, featureSet: .audio)
        // An artist credited on a training (not holdout) track is known to the full champions.
        let credits = try warehouse.pool.read { try Row.fetchAll($0, sql: "SELECT t.track_id, a.name FROM track_artists t JOIN artists a USING (artist_id)") }
        let knownArtist: String = try #require(credits.first { !Holdout().isTest($0["track_id"]) })["name"]
        let predictor = try warehouse.pool.read { try Predictor($0) }
        var known = TrackRecord(trackID: "0000000000000000000001", name: "Known", artists: [knownArtist], durationMs: 200_000)
        known.features.energy = 0.4
        var unknown = known
        unknown.trackID = "0000000000000000000002"
        unknown.artists = ["Nobody Anyone Knows"]
        let sliders = Predictor.record(features: ["energy": 0.4, "danceability": 0.5])
        let answers = try predictor.predict([known, unknown, sliders])
        #expect(answers.map(\.genreModel) == ["full", "full", "audio"])
        #expect(answers.map(\.popularityModel) == ["full", "full", "audio"])
        #expect(answers.allSatisfy { $0.genres.count == 3 && $0.genres[0].probability >= $0.genres[1].probability })
        #expect(answers.allSatisfy { ($0.popularity ?? -1) >= 0 && ($0.popularity ?? 101) <= 100 })

        // Without audio features nothing is answered from audio: a known artist's track stands on relations,
        // an unknown artist's gets no answer at all.
        var knownBare = known, unknownBare = unknown
        knownBare.features = AudioFeatures()
        unknownBare.features = AudioFeatures()
        let bare = try predictor.predict([knownBare, unknownBare])
        #expect(bare[0].genreModel == "relations" && bare[0].genres.count == 3)
        #expect(bare[0].popularityModel == "relations" && bare[0].popularity != nil)
        #expect(bare[1].genreModel == Predictor.noEvidence && bare[1].genres.isEmpty)
        #expect(bare[1].popularityModel == Predictor.noEvidence && bare[1].popularity == nil)
    }

    @Test func predictWithoutChampionsSaysToTrain() throws {
        let (warehouse, _) = try sampleWarehouse()
        #expect(throws: AnalyticsError.noChampion(task: "genre")) { try warehouse.pool.read { try Predictor($0) } }
    }
}
