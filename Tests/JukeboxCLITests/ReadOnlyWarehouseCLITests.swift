import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs jukebox as a user bound by file modes. Tests run as root, which ignores them: there the binary runs
/// through setpriv without the capabilities that override file permissions (root still owns the files).
private func jukeboxBoundByFileModes(_ arguments: [String]) throws -> CLIResult {
    guard geteuid() == 0 else { return try jukebox(arguments) }
    return try jukebox(["--bounding-set", "-dac_override,-dac_read_search", "--", jukeboxBinary.path] + arguments,
                       binary: URL(fileURLWithPath: setpriv))
}

private let setpriv = "/usr/bin/setpriv"
private let canDropPermissionOverride = geteuid() != 0 || FileManager.default.isExecutableFile(atPath: setpriv)

/// A warehouse the user may read but not write (or whose folder they may not write) still answers every read command.
@Suite(.enabled(if: canDropPermissionOverride, "needs a non-root user or setpriv"))
struct ReadOnlyWarehouseCLITests {
    /// Both samples, trained small, in a folder of its own; the file is read-only.
    private func readOnlyWarehouse() throws -> (folder: URL, db: String) {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        #expect(try jukebox(["ingest", "--db", db, sampleSpotify, sampleTopHits]).status == 0)
        let train = try jukebox(["train", "--db", db, "--genre-rounds", "5", "--clusters", "3", "--neighbours", "5"])
        #expect(train.status == 0, "\(train.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        return (folder, db)
    }

    private func readCommands(report: String) -> [[String]] {
        [["stats"], ["ingests"], ["rejects"], ["models"], ["models", "list"], ["models", "show", "1"], ["sql", "SELECT count(*) FROM tracks"],
         ["schema"], ["trends"], ["playlist", "--genre", "pop", "--count", "5"], ["recommend", "5SuOikwiRyPMVoIQDJUgSV"],
         ["explain", "5SuOikwiRyPMVoIQDJUgSV"], ["predict", sampleTopHits], ["report", "--out", report]]
    }

    @Test func everyReadCommandWorksOnAReadOnlyFileAndChangesNothing() throws {
        let (folder, db) = try readOnlyWarehouse()
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let entries = { Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)).subtracting(["w.sqlite-wal", "w.sqlite-shm"]) }
        let entriesBefore = try entries()
        let report = try temporaryFolder().appendingPathComponent("report.html").path
        for command in readCommands(report: report) {
            let result = try jukeboxBoundByFileModes(command + ["--db", db])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("readonly") && !result.stderr.contains("read-only"), "\(command): \(result.stderr)")
        }
        // serve opens the warehouse before it checks its port: a taken port proves the warehouse opened.
        let (descriptor, port) = try ServeCLITests().listeningSocket()
        defer { close(descriptor) }
        let serve = try jukeboxBoundByFileModes(["serve", "--db", db, "--port", String(port)])
        #expect(serve.stderr == "jukebox: error: port \(port) on 127.0.0.1 is in use (choose another with --port)\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(try entries() == entriesBefore, "a read command created a file")
    }

    @Test func aWarehouseNeedingAMigrationSaysToRunMigrate() throws {
        let (_, db) = try readOnlyWarehouse()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db)
        #expect(try jukebox(["sql", "--db", db, "--write", "DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)"]).status == 0)
        for command in [["stats"], ["ingests"], ["models"]] {
            let result = try jukebox(command + ["--db", db])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.hasPrefix("jukebox: error: the database needs migration(s) ") && result.stderr.contains("run `jukebox migrate`"),
                    "\(command): \(result.stderr)")
        }
    }

    /// No `-wal` beside it and a folder the user cannot write: no writer can exist, so it is read immutable, with a
    /// note, and answers as it did before the folder was locked.
    @Test func aWarehouseInAReadOnlyFolderIsReadImmutable() throws {
        let (folder, db) = try readOnlyWarehouse()
        // Closed cleanly, the warehouse has no -wal or -shm file; SQLite would have to create them.
        #expect(!FileManager.default.fileExists(atPath: db + "-wal") && !FileManager.default.fileExists(atPath: db + "-shm"))
        let commands = [["stats", "--format", "json"], ["sql", "SELECT count(*), sum(popularity) FROM v_tracks", "--format", "csv"],
                        ["recommend", "5SuOikwiRyPMVoIQDJUgSV", "-c", "5", "--format", "csv"]]
        // The answers, from a copy elsewhere (reading this one would leave its -wal and -shm behind).
        let copy = try temporaryFolder().appendingPathComponent("w.sqlite").path
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        let answers = try commands.map { try jukebox($0 + ["--db", copy]) }
        let entriesBefore = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        // The folder really is closed to this user: a write command fails.
        #expect(try jukeboxBoundByFileModes(["ingest", "--db", db, "--force", sampleTopHits]).status == 1)
        for (command, answer) in zip(commands, answers) {
            let result = try jukeboxBoundByFileModes(command + ["--db", db])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(answer.status == 0 && result.stdout == answer.stdout, "\(command)")
            #expect(result.stderr.hasPrefix("jukebox: note: the folder of \(db) is not writable and no writer has it open: reading it as immutable\n"),
                    "\(command): \(result.stderr)")
        }
        #expect(answers[1].stdout.hasPrefix("count(*),sum(popularity)\n") && answers[2].stdout.split(separator: "\n").count == 6)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == entriesBefore)
    }

    /// A `-wal` beside it means a writer may be at work: not immutable, and the error says what is missing plainly.
    @Test func aWarehouseWithAWALInAReadOnlyFolderSaysSoPlainly() throws {
        let (folder, db) = try readOnlyWarehouse()
        #expect(FileManager.default.createFile(atPath: db + "-wal", contents: Data()))
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        for command in [["stats"], ["ingests"], ["models"], ["sql", "SELECT 1"]] {
            let result = try jukeboxBoundByFileModes(command + ["--db", db])
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr.contains("\(folder.path) is not writable"), "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("unable to open database file") && !result.stderr.contains("readonly database"),
                    "\(command): \(result.stderr)")
        }
    }
}
