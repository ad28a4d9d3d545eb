import Core
import Foundation
import GRDB
import Testing
@testable import Ingest
@_spi(WarehouseSQL) import Store

/// Every table's rows, the ingest log without its clock readings (two loads never start at the same instant).
private func contents(_ warehouse: Warehouse) throws -> [String: [String]] {
    try warehouse.pool.read { db in
        var tables: [String: [String]] = [:]
        for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") {
            let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
                .filter { !["started_at", "finished_at", "process_id", "applied_at"].contains($0) }
            let list = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
            tables[table] = try Row.fetchAll(db, sql: "SELECT \(list) FROM \(table.quotedDatabaseIdentifier) ORDER BY \(list)")
                .map { "\($0)" }
        }
        return tables
    }
}

/// The sample dump as a nightly dump would give it again: a third of the popularities changed, and tracks whose
/// artists, album, features or duration changed, one that lacks a feature (the stored value stays), one met twice
/// with two popularities and another genre, and a new track.
private func newerSample() throws -> String {
    let lines = try String(contentsOfFile: spotifySample, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    var out = [String(lines[0])]
    let rows = lines.dropFirst().filter { !$0.isEmpty }
    // Edits go to tracks that have one row only: a later row of a track adds genres, nothing else.
    var rowsOfTrack: [String: Int] = [:]
    for line in rows { rowsOfTrack[String(line.split(separator: ",")[1]), default: 0] += 1 }
    var edit = 0
    for line in rows {
        // Lines with quoted fields stay as they are (commas inside quotes).
        guard !line.contains("\"") else { out.append(String(line)); continue }
        var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // A third of the tracks (by id, so every row of a track agrees) get another popularity.
        if f[1].unicodeScalars.last!.value % 3 == 0, let popularity = Int(f[5]) { f[5] = String((popularity + 7) % 101) }
        if rowsOfTrack[f[1]] == 1, edit != 5 || f[2].contains(";") {
            switch edit {
            case 0: f[2] += ";Guest Star"                                   // a new credited artist
            case 1: f[9] = "0.999"                                          // energy
            case 2: f[3] = "Deluxe Edition"                                 // another album
            case 3: f[10] = ""                                              // no key: the stored key stays
            case 4: f[6] = String((Int(f[6]) ?? 1) + 1000)                  // duration
            case 5: f[2] = f[2].split(separator: ";").reversed().joined(separator: ";")  // the same artists, reordered
            case 6:
                // Met twice: the second row's popularity is higher (the conflict rule keeps it) and adds a genre.
                out.append(f.joined(separator: ","))
                f[5] = String(min(100, (Int(f[5]) ?? 0) + 5))
                f[20] = "nightly-genre"
            case 7:
                // A new track, its album and artist new too.
                var new = f
                new[1] = "0000000000000000000042"; new[2] = "Brand New Artist"; new[3] = "Brand New Album"
                out.append(new.joined(separator: ","))
            default: break
            }
            edit += 1
        }
        out.append(f.joined(separator: ","))
    }
    return out.joined(separator: "\n") + "\n"
}

struct KnownTrackComparisonTests {
    /// A newer dump loaded with known tracks compared a batch at a time (batches smaller than the file, so several
    /// joins run) leaves every table exactly as comparing each known track row by row does.
    @Test func batchedAndRowByRowComparisonsLeaveTheSameTables() throws {
        let newer = try temporaryCSV(try newerSample(), name: "newer.csv")
        var reports: [IngestReport] = []
        var warehouses: [[String: [String]]] = []
        for batchSize in [0, 7, TrackWriter.defaultKnownBatchSize] {
            let warehouse = try temporaryWarehouse()
            let ingester = Ingester(warehouse: warehouse)
            try ingester.ingest(path: spotifySample)
            try ingester.ingest(path: topHitsSample)
            var options = IngestOptions()
            options.knownTrackBatchSize = batchSize
            reports.append(try ingester.ingest(path: newer, options: options))
            warehouses.append(try contents(warehouse))
        }
        for batched in warehouses.dropFirst() {
            for (table, rows) in warehouses[0] {
                // The rows one side has and the other lacks, to keep a failure readable.
                let other = batched[table] ?? []
                #expect(Set(rows).symmetricDifference(other).sorted() == [], "table \(table)")
                #expect(rows == other, "table \(table)")
            }
            #expect(batched.keys.sorted() == warehouses[0].keys.sorted())
        }
        for report in reports.dropFirst() {
            #expect(report.tracksNew == reports[0].tracksNew)
            #expect(report.tracksUpdated == reports[0].tracksUpdated)
            #expect(report.popularityConflicts == reports[0].popularityConflicts)
        }
        // The edits above: one new track; artists, energy, album, duration and artist order changed (the missing key
        // is no change); the sample's own five conflicts and the one added.
        #expect(reports[0].tracksNew == 1)
        #expect(reports[0].tracksUpdated == 5)
        #expect(reports[0].popularityConflicts == 6)
    }

    /// The join names every track whose stored attributes a record changes, and no unchanged one.
    @Test func theJoinNamesChangedTracksOnly() throws {
        let warehouse = try temporaryWarehouse()
        try Ingester(warehouse: warehouse).ingest(path: spotifySample)
        try warehouse.pool.write { db in
            let comparison = try KnownTrackComparison(db: db)
            defer { try? comparison.drop() }
            let stored = try Row.fetchAll(db, sql: """
                SELECT t.rowid, t.track_id, t.name, t.album_id, t.duration_ms, t.explicit, t.release_year, f.energy, f.key
                FROM tracks t JOIN audio_features f USING (track_id) ORDER BY t.track_id LIMIT 4
                """)
            func candidate(_ row: Row, _ edit: (inout TrackRecord) -> Void = { _ in }) throws -> KnownTrackComparison.Candidate {
                let id: String = row["track_id"]
                let artists = try Int64.fetchAll(db, sql: "SELECT artist_id FROM track_artists WHERE track_id = ? ORDER BY position", arguments: [id])
                var features = AudioFeatures()
                features.energy = row["energy"]
                features.key = row["key"]
                var record = TrackRecord(trackID: id, name: row["name"], artists: [], durationMs: row["duration_ms"],
                                              explicit: row["explicit"], releaseYear: row["release_year"], features: features)
                edit(&record)
                return KnownTrackComparison.Candidate(record: record, rowID: row["rowid"], albumID: row["album_id"], artistIDs: artists)
            }
            let candidates = [
                try candidate(stored[0]),                                   // as stored (features it lacks stay)
                try candidate(stored[1]) { $0.features.energy = 0.001 },
                try candidate(stored[2]) { $0.name += " (Live)" },
                try candidate(stored[3]) { $0.durationMs = nil; $0.features.key = nil },  // lacks values: keeps the stored ones
            ]
            let changed = try comparison.markSeen(candidates, ingestID: 1)
            #expect(changed == [stored[1]["track_id"], stored[2]["track_id"]] as Set<String>)
            var moved = candidates[0]
            moved.artistIDs.append(moved.artistIDs.first ?? 1)
            #expect(try comparison.markSeen([moved], ingestID: 1) == [stored[0]["track_id"]] as Set<String>)
        }
    }
}
