import Foundation
import GRDB
@_spi(WarehouseSQL) import Store

/// What one write-back of every playlist's continuation did.
public struct PlaylistRecommendationSummary: Sendable {
    public var runID: Int64
    public var playlists: Int
    /// Playlists with nothing to continue (no tracks): left out.
    public var skipped: Int
    public var rows: Int
    public var seconds: Double
}

/// Writes every playlist's continuation (`RecommendationEngine`, the answer `recommend --playlist` gives) into
/// `playlist_recommendations`, under a run of its own in `playlist_recommendation_runs`: a step `train` runs after
/// its tasks and `retrain` runs when the data changed since the last write-back. Reads in one snapshot, writes in
/// one transaction; a successful run replaces the older runs' rows; a failed one leaves them and is recorded.
public struct PlaylistRecommendationWriter: Sendable {
    public let warehouse: Warehouse
    public var perPlaylist = 10
    public var weights = RecommendationWeights.standard
    public var log: @Sendable (String) -> Void = { _ in }

    public init(warehouse: Warehouse) { self.warehouse = warehouse }

    /// Whether there are playlists and no successful write-back saw the newest data.
    public func isStale() throws -> Bool {
        try warehouse.pool.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM playlists)") == true else { return false }
            let newest = try DataVersion.read(db).newestIngestID ?? 0
            let seen = try Int64.fetchOne(db, sql: "SELECT max(data_ingest_id) FROM playlist_recommendation_runs WHERE status = 'succeeded'")
            return (seen ?? 0) < newest
        }
    }

    /// Writes every playlist's continuation; nil when the warehouse has no playlists. Hold the training lock (`TrainingRunner.lock()`).
    public func run(holding lock: RunLock) throws -> PlaylistRecommendationSummary? {
        precondition(lock.path == RunLock.Kind.training.path(warehousePath: warehouse.path), "not this warehouse's training lock")
        guard try warehouse.pool.read({ try Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM playlists)") }) == true else { return nil }
        let started = Date()
        let runID = try warehouse.pool.write { db -> Int64 in
            // Runs left 'running' by a process that died (the training lock is ours now) failed.
            try InterruptedRuns.recover(.training, in: db, warehouse: warehouse)
            try db.execute(sql: """
                INSERT INTO playlist_recommendation_runs (weights, per_playlist, status, started_at) VALUES (?, ?, 'running', ?)
                """, arguments: [weights.description, perPlaylist, Timestamp.now()])
            return db.lastInsertedRowID
        }
        log("playlist recommendations run \(runID): continuing every playlist")
        do {
            let (answers, skipped, version) = try warehouse.pool.read { db -> ([(playlistID: Int64, answer: RecommendationAnswer)], Int, DataVersion) in
                let space = AudioSpace.once(db)
                var answers: [(playlistID: Int64, answer: RecommendationAnswer)] = []
                var skipped = 0
                for id in try Int64.fetchAll(db, sql: "SELECT playlist_id FROM playlists ORDER BY playlist_id") {
                    var request = RecommendationRequest(seed: .playlist(String(id)))
                    request.count = perPlaylist
                    request.weights = weights
                    do {
                        answers.append((id, try RecommendationEngine().recommend(request, in: db, space: space)))
                    } catch AnalyticsError.notAnswerable {
                        skipped += 1   // an empty playlist
                    }
                }
                return (answers, skipped, try DataVersion.read(db))
            }
            var rows = 0
            try warehouse.pool.write { db in
                let insert = try db.makeStatement(sql: """
                    INSERT INTO playlist_recommendations (run_id, playlist_id, rank, track_id, score, reasons) VALUES (?, ?, ?, ?, ?, ?)
                    """)
                for (playlistID, answer) in answers {
                    for (i, result) in answer.results.enumerated() {
                        try insert.execute(arguments: [runID, playlistID, i + 1, result.trackID, result.score, result.reason])
                        rows += 1
                    }
                }
                try db.execute(sql: "DELETE FROM playlist_recommendation_runs WHERE run_id <> ? AND status <> 'running'", arguments: [runID])
                try db.execute(sql: """
                    UPDATE playlist_recommendation_runs SET status = 'succeeded', data_ingest_id = ?, playlists = ?, rows_written = ?,
                        finished_at = ?, seconds = ? WHERE run_id = ?
                    """, arguments: [version.newestIngestID, answers.count, rows, Timestamp.now(),
                                     (Date().timeIntervalSince(started) * 1000).rounded() / 1000, runID])
            }
            let seconds = Date().timeIntervalSince(started)
            log("playlist recommendations run \(runID): \(rows) rows for \(answers.count) playlists in \(String(format: "%.1f", seconds)) s"
                + (skipped > 0 ? "; \(skipped) empty playlist(s) left out" : ""))
            return PlaylistRecommendationSummary(runID: runID, playlists: answers.count, skipped: skipped, rows: rows, seconds: seconds)
        } catch {
            let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
            try? warehouse.pool.write { db in
                try db.execute(sql: "UPDATE playlist_recommendation_runs SET status = 'failed', message = ?, finished_at = ? WHERE run_id = ?",
                               arguments: [message, Timestamp.now(), runID])
            }
            log("playlist recommendations run \(runID): failed: \(message)")
            throw error
        }
    }
}
