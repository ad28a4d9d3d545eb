import Foundation
import GRDB
import Testing

struct CLITests {
    @Test func helpListsTheCommands() throws {
        let result = try jukebox(["--help"])
        #expect(result.status == 0)
        for command in ["ingest", "stats", "ingests", "rejects", "migrate"] {
            #expect(result.stdout.contains("  \(command) "), "help should list \(command)")
        }
        #expect(result.stdout.contains("--db") == false || result.stdout.contains("JUKEBOX_DB"))
    }

    @Test func ingestHelpDocumentsTheOptions() throws {
        let result = try jukebox(["ingest", "--help"])
        #expect(result.status == 0)
        // Help is wrapped to the terminal width: compare with runs of white space folded.
        let text = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for option in ["--strict", "--force", "--map <SOURCE=TARGET>", "--genre <name>", "--db <path>", "highest is kept"] {
            #expect(text.contains(option), "ingest help should mention \(option)")
        }
    }

    @Test func ingestThenStatsAsJSON() throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        let ingest = try jukebox(["ingest", "--db", db, sampleSpotify, sampleTopHits])
        #expect(ingest.status == 0)
        #expect(ingest.stdout.contains("192 rows read: 191 accepted, 1 rejected; 5 exact duplicate rows counted once"))
        #expect(ingest.stdout.contains("jukebox rejects --ingest 1"))
        #expect(ingest.stderr.isEmpty, "no progress bar when not on a terminal: \(ingest.stderr)")
        let stats = try jukebox(["stats", "--db", db, "--format", "json"])
        #expect(stats.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as! [String: Any]
        #expect(object["tracks"] as? Int == 299)
        #expect(object["artists"] as? Int == 184)
        #expect(object["albums"] as? Int == 135)
        #expect(object["genres"] as? Int == 27) // genre labels: rock in both dumps' vocabularies is two
        #expect(object["track_genres"] as? Int == 397)
        #expect(object["ingests"] as? Int == 2)
        #expect(object["rejects"] as? Int == 1)
    }

    @Test func databaseComesFromTheEnvironment() throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("env.sqlite").path
        #expect(try jukebox(["ingest", sampleTopHits], environment: ["JUKEBOX_DB": db]).status == 0)
        #expect(FileManager.default.fileExists(atPath: db))
        let stats = try jukebox(["stats", "--format", "csv"], in: folder, environment: ["JUKEBOX_DB": db])
        #expect(stats.stdout.contains("tracks,141"))
    }

    @Test func defaultDatabaseIsInTheCurrentFolder() throws {
        let folder = try temporaryFolder()
        #expect(try jukebox(["ingest", sampleTopHits], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("jukebox.sqlite").path))
    }

    @Test func copiedBinaryMigratesFromAnyFolder() throws {
        let folder = try temporaryFolder()
        let copy = folder.appendingPathComponent("jukebox")
        try FileManager.default.copyItem(at: jukeboxBinary, to: copy)
        let elsewhere = try temporaryFolder()
        let result = try jukebox(["migrate"], binary: copy, in: elsewhere)
        #expect(result.status == 0)
        let status = try jukebox(["migrate", "--status"], binary: copy, in: elsewhere)
        #expect(status.stdout.contains(try Regex("0001_create_warehouse.sql +applied")))
        #expect(!status.stdout.contains("pending"))
    }

    @Test func missingFileFailsWithAClearMessage() throws {
        let folder = try temporaryFolder()
        let result = try jukebox(["ingest", "--db", folder.appendingPathComponent("w.sqlite").path, "/no/such/dump.csv"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("jukebox: error: cannot read /no/such/dump.csv: no such file"))
    }

    @Test func oneBadFileDoesNotStopTheOthersButFailsTheRun() throws {
        let folder = try temporaryFolder()
        let notes = folder.appendingPathComponent("notes.csv")
        try Data("just,words\n1,2\n".utf8).write(to: notes)
        let result = try jukebox(["ingest", "--db", folder.appendingPathComponent("w.sqlite").path, notes.path, sampleTopHits])
        #expect(result.status == 1)
        #expect(result.stderr.contains("has no usable CSV header"))
        #expect(result.stdout.contains("top_hits_sample.csv: loaded as ingest"))
    }

    @Test func strictRefusalExitsNonZeroAndPrintsFirstErrors() throws {
        let folder = try temporaryFolder()
        let result = try jukebox(["ingest", "--strict", "--db", folder.appendingPathComponent("w.sqlite").path, sampleSpotify])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--strict: "))
        #expect(result.stderr.contains("line 171: missing track_name; missing artists"))
    }

    @Test func badMapTargetIsAUsageError() throws {
        let result = try jukebox(["ingest", "--map", "Song=title", sampleTopHits])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--map target 'title' is not a warehouse field"))
    }

    @Test func ingestWithoutFilesIsAUsageError() throws {
        let result = try jukebox(["ingest"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("give at least one CSV file"))
    }

    @Test func ingestGenreMustBeANameWithoutSemicolons() throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        let empty = try jukebox(["ingest", "--db", db, "--genre", "", sampleTopHits])
        #expect(empty.status == 64)
        #expect(empty.stderr.hasPrefix("Error: --genre needs a genre name; it must not be empty\n"))
        let semicolon = try jukebox(["ingest", "--db", db, "--genre", "My Genre; x", sampleTopHits])
        #expect(semicolon.status == 64)
        #expect(semicolon.stderr.hasPrefix(
            "Error: --genre 'My Genre; x' contains ';', which separates genres in v_tracks; give one genre name without ';'\n"))
        #expect(!FileManager.default.fileExists(atPath: db), "a refused ingest writes nothing")
        // Spaces around the name are not part of it.
        #expect(try jukebox(["ingest", "--db", db, "--genre", " chill ", sampleTopHits]).status == 0)
        let genres = try jukebox(["sql", "--db", db, "SELECT name FROM genres WHERE name LIKE '%chill%'"])
        #expect(genres.stdout == "name\nchill\n")
    }

    @Test func rejectsAndIngestsList() throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        try jukebox(["ingest", "--db", db, sampleSpotify])
        let rejects = try jukebox(["rejects", "--db", db, "--format", "ndjson"])
        #expect(rejects.status == 0)
        let line = try JSONSerialization.jsonObject(with: Data(rejects.stdout.split(separator: "\n")[0].utf8)) as! [String: Any]
        #expect(line["line_number"] as? Int == 171)
        #expect(line["ingest_id"] as? Int == 1)
        let ingests = try jukebox(["ingests", "--db", db, "--format", "csv"])
        #expect(ingests.stdout.hasPrefix("ingest_id,file_name,status"))
        #expect(ingests.stdout.contains("1,spotify_tracks_sample.csv,succeeded"))
    }

    @Test func newerDatabaseIsRefusedByName() throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        try jukebox(["migrate", "--db", db])
        let queue = try DatabaseQueue(path: db)
        try queue.write { try $0.execute(sql: "INSERT INTO schema_migrations VALUES (9999, '9999_add_future.sql', 'x', 'now')") }
        let result = try jukebox(["stats", "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr.contains("written by a newer Jukebox"))
        #expect(result.stderr.contains("9999_add_future.sql"))
    }

    @Test func killedIngestLeavesNothingHalfLoaded() throws {
        try killIngest(intoEmptyWarehouse: false)
    }

    /// A first load (the bulk path, which drops the track tables' indexes) killed mid-file leaves them in place.
    @Test func killedFirstLoadLeavesTheIndexesInPlace() throws {
        try killIngest(intoEmptyWarehouse: true)
    }

    private func killIngest(intoEmptyWarehouse: Bool) throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        // A dump big enough that the load is still running when it is killed.
        let big = folder.appendingPathComponent("big.csv")
        var text = "track_id,track_name,artists,duration_ms,track_genre\n"
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for i in 0..<400_000 {
            var id = "", n = i
            for _ in 0..<22 { id.append(alphabet[n % 62]); n /= 62 }
            text += "\(id),Song \(i),Artist \(i % 5000),\(180_000 + i % 1000),genre\(i % 50)\n"
        }
        try Data(text.utf8).write(to: big)
        let indexQuery = "SELECT group_concat(name || ':' || sql, ' | ') FROM (SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name)"
        if intoEmptyWarehouse {
            try jukebox(["migrate", "--db", db])
        } else {
            try jukebox(["ingest", "--db", db, sampleTopHits])
        }
        let readOnly = { var c = Configuration(); c.readonly = true; c.busyMode = .timeout(5); return c }()
        let indexesBefore = try DatabaseQueue(path: db, configuration: readOnly).read { try String.fetchOne($0, sql: indexQuery) }
        let process = try start(["ingest", "--db", db, big.path])
        // Wait until the load has begun (its log row says 'running'), then kill it.
        let queue = try DatabaseQueue(path: db, configuration: readOnly)
        var running = false
        for _ in 0..<3000 where !running {
            usleep(20_000)
            running = try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ingests WHERE status = 'running'") } == 1
        }
        #expect(running)
        usleep(300_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let stats = try jukebox(["stats", "--db", db, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as! [String: Any]
        #expect(object["tracks"] as? Int == (intoEmptyWarehouse ? 0 : 141))
        #expect(try queue.read { try String.fetchOne($0, sql: indexQuery) } == indexesBefore)
        // The next write run notices the dead process and says what happened.
        try jukebox(["ingest", "--db", db, sampleSpotify])
        let ingests = try jukebox(["ingests", "--db", db, "--format", "csv"])
        let killedID = intoEmptyWarehouse ? 1 : 2
        #expect(ingests.stdout.contains("\(killedID),big.csv,failed"))
        #expect(ingests.stdout.contains("interrupted"))
    }

    @Test func rejectsOfAMissingIngestIsAnErrorAndLimitMustBePositive() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        try jukebox(["ingest", "--db", db, sampleSpotify, sampleTopHits])
        let missing = try jukebox(["rejects", "--db", db, "--ingest", "99"])
        #expect(missing.status == 1)
        #expect(missing.stdout.isEmpty)
        #expect(missing.stderr == "jukebox: error: no ingest 99 (see `jukebox ingests`)\n")
        // An ingest that exists but rejected nothing still says so, and succeeds.
        let clean = try jukebox(["rejects", "--db", db, "--ingest", "2", "--format", "csv"])
        #expect(clean.status == 0)
        #expect(clean.stderr == "no rejected rows in ingest 2\n")
        let zero = try jukebox(["rejects", "--db", db, "--limit", "0"])
        #expect(zero.status == 64)
        #expect(zero.stderr.hasPrefix("Error: --limit must be between 1 and 10,000,000; got 0\n"))
        let one = try jukebox(["rejects", "--db", db, "--limit", "1", "--format", "csv"])
        #expect(one.status == 0 && one.stdout.split(separator: "\n").count == 2)
    }
}
