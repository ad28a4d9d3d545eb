import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What cron sees: a busy `retrain` or `train` is told apart from a broken one, and a killed run reads as
/// interrupted (decided by its lock, not its PID) in the read commands.
struct CronCLITests {
    /// Holds `path` with an exclusive `flock`, as a running jukebox process would, writing a holder line into it.
    private final class HeldLock {
        let descriptor: Int32
        init(_ path: String, holder: String? = nil) throws {
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            try #require(descriptor >= 0)
            try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
            if let holder {
                ftruncate(descriptor, 0)
                _ = holder.withCString { pwrite(descriptor, $0, strlen($0), 0) }
            }
        }
        func release() { close(descriptor) }
    }

    private func ingestedWarehouse() throws -> String {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        #expect(try jukebox(["ingest", "--db", db, sampleTopHits]).status == 0)
        return db
    }

    @Test func busyRetrainAndTrainExit75WithOneLineSayingWhoHoldsTheLock() throws {
        let db = try ingestedWarehouse()
        let since = "2026-01-02T03:04:05Z"
        let held = try HeldLock(db + ".train-lock", holder: "\(getpid()) \(since)\n")
        defer { held.release() }
        for command in [["retrain"], ["train"], ["train", "neighbours"]] {
            let result = try jukebox(command + ["--db", db])
            #expect(result.status == 75, "\(command): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(command)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("process \(getpid())") && result.stderr.contains(since), "\(command): \(result.stderr)")
        }
        #expect(try jukebox(["sql", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM model_runs"]).stdout == "n\n0\n")
    }

    @Test func retrainHelpDocumentsTheExitStatuses() throws {
        let help = try jukebox(["retrain", "--help"])
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Exit status: 0 "), "\(text)")
        #expect(text.contains(" 1 ") && text.contains(" 64 ") && text.contains(" 75 busy"), "\(text)")
    }

    /// A run left 'running' by a killed process, whose PID now belongs to a live process (this test).
    @Test func aKilledRunReadsAsInterruptedUntilItsLockIsHeld() throws {
        let db = try ingestedWarehouse()
        let insert = """
            INSERT INTO ingests (file_name, file_sha256, file_bytes, status, started_at, process_id)
                VALUES ('killed.csv', 'abc', 1, 'running', '2026-01-01T00:00:00Z', \(getpid()));
            INSERT INTO model_runs (task, feature_set, algorithm, status, started_at, process_id)
                VALUES ('neighbours', 'audio', 'pending', 'running', '2026-01-01T00:00:00Z', \(getpid()));
            """
        #expect(try jukebox(["sql", "--db", db, "--write", insert]).status == 0)
        let ingests = try jukebox(["ingests", "--db", db, "--format", "csv"])
        #expect(ingests.stdout.contains("2,killed.csv,interrupted,"), "\(ingests.stdout)\(ingests.stderr)")
        let models = try jukebox(["models", "--db", db, "--format", "csv"])
        #expect(models.stdout.contains("1,neighbours,audio,pending,interrupted,"), "\(models.stdout)\(models.stderr)")
        let show = try jukebox(["models", "show", "1", "--db", db])
        #expect(show.stdout.hasPrefix("run 1: neighbours (audio features), pending, interrupted\n"), "\(show.stdout)\(show.stderr)")

        // While a process holds the run's lock, the run is alive.
        let ingestLock = try HeldLock(db + ".ingest-lock")
        let trainLock = try HeldLock(db + ".train-lock")
        #expect(try jukebox(["ingests", "--db", db, "--format", "csv"]).stdout.contains("2,killed.csv,running,"))
        #expect(try jukebox(["models", "--db", db, "--format", "csv"]).stdout.contains("1,neighbours,audio,pending,running,"))
        ingestLock.release()
        trainLock.release()

        // The write commands' clean-up follows the same rule: the PID is alive, the lock is free.
        #expect(try jukebox(["ingest", "--db", db, sampleSpotify]).status == 0)
        let after = try jukebox(["ingests", "--db", db, "--format", "csv"]).stdout
        #expect(after.contains("2,killed.csv,failed,") && after.contains("interrupted: the process ended"), "\(after)")
        #expect(try jukebox(["train", "neighbours", "--db", db, "--neighbours", "3"]).status == 0)
        let runs = try jukebox(["models", "--db", db, "--format", "csv"]).stdout
        #expect(runs.contains("1,neighbours,audio,pending,failed,"), "\(runs)")
    }
}
