import Foundation
import Testing

/// What cron keeps when a `retrain` task fails: one line per failure, the exit status 1, the other tasks done.
struct RetrainFailureCLITests {
    /// 15 tracks with audio: too few for the 20 clusters `retrain` fits, so that task fails.
    private func tinyWarehouse() throws -> String {
        let folder = try temporaryFolder()
        let lines = try String(contentsOfFile: sampleSpotify, encoding: .utf8).split(separator: "\n")
        let csv = folder.appendingPathComponent("tiny.csv")
        try Data((lines.prefix(16).joined(separator: "\n") + "\n").utf8).write(to: csv)
        let db = folder.appendingPathComponent("w.sqlite").path
        #expect(try jukebox(["ingest", "--db", db, csv.path]).status == 0)
        return db
    }

    @Test func aFailedRetrainTaskIsOneLineOnStderrAndExitStatusOne() throws {
        let db = try tinyWarehouse()
        let result = try jukebox(["retrain", "--db", db])
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let reason = "clustering into 20 groups needs at least 20 tracks with audio features; the warehouse has 15"
        let failures = lines.filter { $0.contains(reason) }
        let runs = try jukebox(["sql", "--db", db, "--format", "csv", "SELECT run_id FROM model_runs WHERE task = 'clusters' AND status = 'failed'"])
        let run = try #require(runs.stdout.split(separator: "\n").last.map(String.init))
        // One line, the runner's, naming the failed run (a timestamp first).
        #expect(failures.count == 1 && failures.first?.hasSuffix(" run \(run): failed: \(reason)") == true, "\(result.stderr)")
        // Every failure is one line: as many lines say "failed:" as runs failed (here genre's too: one genre only).
        let failedRuns = try jukebox(["sql", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM model_runs WHERE status = 'failed'"])
        #expect(failedRuns.stdout == "n\n\(lines.filter { $0.contains(" failed: ") }.count)\n", "\(result.stderr)")
        #expect(!lines.contains { $0.contains(") failed: ") }, "\(result.stderr)")
        // The neighbours task, after it, still ran.
        let neighbours = try jukebox(["sql", "--db", db, "--format", "csv", "SELECT status FROM model_runs WHERE task = 'neighbours'"])
        #expect(neighbours.stdout == "status\nsucceeded\n")
    }
}
