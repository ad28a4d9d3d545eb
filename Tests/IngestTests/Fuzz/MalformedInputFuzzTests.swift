import Foundation
import GRDB
import Testing
@testable import Ingest
@_spi(WarehouseSQL) import Store

/// Thousands of malformed inputs, made reproducibly (seeded, bounded by count) from the samples, through each reader
/// in process: no crash, an accounted outcome for every file (loaded, with rows read = accepted + rejected [+ skipped]
/// and every reject stored; or a clear error that left the data as it was), and an intact warehouse after each
/// (`PRAGMA integrity_check`, foreign keys; a listening history leaves the catalogue unchanged).
struct MalformedInputFuzzTests {
    /// Inputs per test; four tests, so 2,400 in all (about 25 s of CPU in a debug build).
    static let cases = 600

    @Test func accountDataHistories() throws {
        try fuzzJSON(samples: ["history/StreamingHistory_music_0.json"], seed: 0x25_01, history: true)
    }

    @Test func extendedHistories() throws {
        try fuzzJSON(samples: ["history/Streaming_History_Audio_2023.json", "history/endsong_0.json"], seed: 0x25_02, history: true)
    }

    @Test func playlistSlices() throws {
        try fuzzJSON(samples: ["mpd/mpd.slice.0-2.json"], seed: 0x25_03, history: false)
    }

    @Test func csvDumps() throws {
        let samples = ["spotify_tracks_sample.csv", "top_hits_sample.csv", "spotify_playlists_sample.csv", "exportify/Road Trip.csv",
                       "exportify/Chill Mix.csv", "kaggle/tracks.csv", "kaggle/tracks_features.csv", "kaggle/artists.csv"]
        // The first dozen lines of each: small files, so that thousands of loads stay cheap.
        let texts = try samples.map { sample in
            try String(contentsOf: repositoryData.appendingPathComponent("samples/\(sample)"), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).prefix(12).joined(separator: "\n") + "\n"
        }
        let harness = try FuzzHarness(history: false)
        var mutator = InputMutator(seed: 0x25_04)
        for index in 0..<Self.cases {
            let sample = index % samples.count
            let (bytes, steps) = mutator.mutate(csv: texts[sample])
            try harness.check(bytes, name: "case\(index).csv", what: "\(samples[sample]) case \(index): \(steps)")
        }
        try harness.finish()
    }

    /// Mutations of JSON samples (each cut to its first elements), through `ingest` as a user's file would go.
    private func fuzzJSON(samples: [String], seed: UInt64, history: Bool) throws {
        let documents = try samples.map { sample in
            let text = try String(contentsOf: repositoryData.appendingPathComponent("samples/\(sample)"), encoding: .utf8)
            let document = try #require(FuzzJSON(parsing: text))
            if case let .array(elements) = document { return FuzzJSON.array(Array(elements.prefix(8))) }
            return document
        }
        let harness = try FuzzHarness(history: history)
        var mutator = InputMutator(seed: seed)
        for index in 0..<Self.cases {
            let sample = index % samples.count
            let (bytes, steps) = mutator.mutate(documents[sample])
            try harness.check(bytes, name: "case\(index).json", what: "\(samples[sample]) case \(index): \(steps)")
        }
        try harness.finish()
    }
}

/// One small warehouse (the sample dump loaded, so that plays match and slices meet known tracks) and the checks
/// made after each generated input.
final class FuzzHarness {
    let warehouse: Warehouse
    let ingester: Ingester
    let folder: URL
    /// A listening history must leave the catalogue as it was.
    let history: Bool
    private(set) var loaded = 0
    private(set) var refused = 0
    /// The catalogue after the sample dump: what every history must leave as it is.
    private var initialCatalogue: [String: [[String]]] = [:]

    static let catalogue = ["tracks", "artists", "albums", "track_artists", "genres", "track_genres", "audio_features",
                            "popularity_observations", "playlists", "playlist_tracks", "artist_genres"]
    static let dataTables = catalogue + ["listens", "rejects"]

    init(history: Bool) throws {
        warehouse = try temporaryWarehouse()
        ingester = Ingester(warehouse: warehouse)
        folder = URL(fileURLWithPath: warehouse.path).deletingLastPathComponent()
        self.history = history
        let head = try String(contentsOfFile: spotifySample, encoding: .utf8).split(separator: "\n").prefix(40).joined(separator: "\n") + "\n"
        try ingester.ingest(path: try temporaryCSV(head, name: "catalogue.csv"))
        initialCatalogue = try catalogue()
    }

    func finish() throws {
        try expectIntact(after: "the last case")
        // The mutations reach past the decoders: many files load (with rejects), and some are refused whole.
        #expect(loaded > MalformedInputFuzzTests.cases / 4 && refused > MalformedInputFuzzTests.cases / 50, "loaded \(loaded), refused \(refused)")
    }

    /// Loads one input with `--force` (so each is really read) and checks its outcome; every `checkEvery` inputs,
    /// the warehouse too.
    func check(_ bytes: [UInt8], name: String, what: String) throws {
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let tablesBefore = try tableMarks()
        var options = IngestOptions()
        options.force = true
        do {
            let report = try ingester.ingest(path: path, options: options)
            loaded += 1
            try expectAccounted(report, what: what)
        } catch let error as IngestError {
            refused += 1
            try expectUnchanged(since: tablesBefore, error: error, what: what)
        } catch let error as CSVReader.ReadError {
            refused += 1
            try expectUnchanged(since: tablesBefore, error: error, what: what)
        } catch {
            Issue.record("\(what): an unclear error \(type(of: error)): \(error)")
        }
        if (loaded + refused) % Self.checkEvery == 0 { try expectIntact(after: what) }
    }

    /// Warehouse checks cost more than a small load: made after every `checkEvery` inputs (and at the end), so a
    /// failure names a window of that many cases, the last of them in the message.
    static let checkEvery = 20

    /// SQLite finds the file sound, every link holds, and a history left the catalogue as it was first loaded.
    func expectIntact(after what: String) throws {
        let integrity = try warehouse.pool.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"], "up to \(what)")
        let broken = try warehouse.pool.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }
        #expect(broken.isEmpty, "up to \(what): \(broken.prefix(3))")
        if history { #expect(try catalogue() == initialCatalogue, "up to \(what): a history changed the catalogue") }
    }

    /// Loaded: every row read was accepted, rejected or skipped, each reject is stored, and the log says the same.
    private func expectAccounted(_ report: IngestReport, what: String) throws {
        #expect(report.outcome == .loaded, "\(what)")
        #expect(report.rowsRead == report.rowsAccepted + report.rowsRejected + report.rowsSkipped,
                "\(what): read \(report.rowsRead), accepted \(report.rowsAccepted), rejected \(report.rowsRejected), skipped \(report.rowsSkipped)")
        let logged = try warehouse.pool.read {
            try Row.fetchOne($0, sql: """
                SELECT status, rows_read, rows_rejected, (SELECT count(*) FROM rejects r WHERE r.ingest_id = i.ingest_id) AS stored
                FROM ingests i WHERE ingest_id = ?
                """, arguments: [report.ingestID])
        }
        let row = try #require(logged, "\(what): no ingest row")
        #expect(row["status"] as String == "succeeded" && row["rows_read"] as Int == report.rowsRead
                && row["rows_rejected"] as Int == report.rowsRejected && row["stored"] as Int == report.rowsRejected, "\(what): \(row)")
        if history { #expect(report.kind == .history, "\(what): a history was read as \(report.kind)") }
    }

    /// Refused: a message that says why, no data written, and the run (if it began) recorded as failed.
    private func expectUnchanged(since before: [Int], error: any LocalizedError, what: String) throws {
        #expect(!(error.errorDescription ?? "").isEmpty, "\(what)")
        #expect(try tableMarks() == before, "\(what): refused (\(error)) but the data changed")
        let status = try warehouse.pool.read { try String.fetchOne($0, sql: "SELECT status FROM ingests ORDER BY ingest_id DESC LIMIT 1") }
        #expect(status != "running", "\(what)")
    }

    /// Each data table's row count and smallest and largest rowid, in one query: any row written or deleted moves them.
    private func tableMarks() throws -> [Int] {
        let sql = "SELECT " + Self.dataTables.map { "(SELECT count(*) || ',' || coalesce(min(rowid), 0) || ',' || coalesce(max(rowid), 0) FROM \($0))" }
            .joined(separator: " || ';' || ")
        return try warehouse.pool.read { db in
            (try String.fetchOne(db, sql: sql) ?? "").split(whereSeparator: { $0 == "," || $0 == ";" }).compactMap { Int($0) }
        }
    }

    /// The catalogue's rows, in full (small: the sample's head).
    private func catalogue() throws -> [String: [[String]]] {
        try warehouse.pool.read { db in
            var tables: [String: [[String]]] = [:]
            for table in Self.catalogue {
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map { $0.databaseValues.map(\.description) }
            }
            return tables
        }
    }
}
