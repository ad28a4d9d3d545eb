import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A `jukebox train` killed with SIGKILL leaves its run 'running' in the table; the next writer (an ingest, a
/// retrain, a train) records it as failed, "interrupted", once no process holds the training lock.
struct InterruptedRunCLITests {
    private func ingestedWarehouse() throws -> String {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        let ingest = try jukebox(["ingest", "--db", db, sampleSpotify, sampleTopHits])
        try #require(ingest.status == 0, "\(ingest.stderr)")
        return db
    }

    private func status(_ db: String, run: Int64) throws -> (status: String, message: String?)? {
        try DatabaseQueue(path: db).read { db in
            try Row.fetchOne(db, sql: "SELECT status, message FROM model_runs WHERE run_id = ?", arguments: [run])
                .map { ($0["status"], $0["message"]) }
        }
    }

    /// Starts `jukebox train`, waits until it has committed a 'running' row, then holds the warehouse's write lock
    /// (so the run cannot record its end) while the child is killed with SIGKILL. Returns the run it left running.
    /// Polls the table; the loop is bounded by the child's life, not by a clock.
    private func killTrainingMidRun(_ db: String) throws -> Int64 {
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        let queue = try DatabaseQueue(path: db, configuration: configuration)
        for _ in 0..<5 {
            let child = try start(["train", "all", "--db", db, "--genre-rounds", "5", "--clusters", "3", "--neighbours", "3"])
            var killed: Int64?
            while child.isRunning, killed == nil {
                guard try queue.read({ try Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM model_runs WHERE status = 'running')") }) == true
                else { usleep(2_000); continue }
                try queue.inDatabase { db in
                    try db.inTransaction(.immediate) {
                        // Holding the write lock: a run still 'running' now cannot commit its end before the kill.
                        if let run = try Int64.fetchOne(db, sql: "SELECT run_id FROM model_runs WHERE status = 'running'") {
                            kill(child.processIdentifier, SIGKILL)
                            child.waitUntilExit()
                            killed = run
                        }
                        return .rollback
                    }
                }
            }
            if child.isRunning { child.waitUntilExit() }
            if let killed {
                #expect(child.terminationReason == .uncaughtSignal && child.terminationStatus == SIGKILL)
                return killed
            }
        }
        Issue.record("the training run finished every time before it could be killed")
        throw CancellationError()
    }

    @Test func aKilledTrainingRunIsMarkedFailedByTheNextIngestAndByARetrainWithNothingToDo() throws {
        let db = try ingestedWarehouse()
        let interrupted = "interrupted: the process ended before the run finished; nothing was written"

        let first = try killTrainingMidRun(db)
        // The table says 'running'; the read commands, which probe the lock, already say 'interrupted'.
        #expect(try status(db, run: first)?.status == "running")
        let listed = try jukebox(["models", "--db", db, "--format", "csv"]).stdout
        #expect(listed.split(separator: "\n").first { $0.hasPrefix("\(first),") }?.contains(",interrupted,") == true, "\(listed)")
        // A write-back the killed run left 'running' too (as `train all` writes one after its tasks).
        let writeBack = "INSERT INTO playlist_recommendation_runs (weights, per_playlist, status, started_at) VALUES ('artists=1', 10, 'running', '2026-01-01T00:00:00Z')"
        #expect(try jukebox(["sql", "--db", db, "--write", writeBack]).status == 0)

        // The next writer is an ingest: it cannot hold the training lock, so it probes it inside its write.
        let newer = try temporaryFolder().appendingPathComponent("newer.csv")
        try Data("name,artist,danceability,energy,loudness,speechiness,acousticness,instrumentalness,liveness,valence,tempo\nNew,Someone,0.5,0.5,-5,0.1,0.1,0,0.1,0.5,120\n".utf8).write(to: newer)
        let ingest = try jukebox(["ingest", "--db", db, newer.path])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let afterIngest = try #require(try status(db, run: first))
        #expect(afterIngest.status == "failed" && afterIngest.message == interrupted)
        let playlistRuns = try jukebox(["sql", "--db", db, "--format", "csv", "SELECT status, message FROM playlist_recommendation_runs"])
        #expect(playlistRuns.stdout == "status,message\nfailed,\(interrupted)\n")

        // The next writer is a retrain that finds nothing to do: holding the training lock proves the run dead.
        let train = try jukebox(["train", "--db", db, "--genre-rounds", "5", "--clusters", "3", "--neighbours", "3"])
        #expect(train.status == 0, "\(train.stderr)")
        let second = try killTrainingMidRun(db)
        #expect(try status(db, run: second)?.status == "running")
        let retrain = try jukebox(["retrain", "--db", db])
        #expect(retrain.status == 0, "\(retrain.stderr)")
        #expect(retrain.stdout == "" && retrain.stderr.contains("nothing stale: every task has been trained on the newest data"))
        let afterRetrain = try #require(try status(db, run: second))
        #expect(afterRetrain.status == "failed" && afterRetrain.message == interrupted)
        #expect(try jukebox(["sql", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM model_runs WHERE status = 'running'"]).stdout == "n\n0\n")
    }
}
