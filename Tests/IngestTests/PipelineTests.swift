import Foundation
import GRDB
import Testing
@testable import Ingest
@_spi(WarehouseSQL) import Store

/// The ingest reads and validates rows on one thread while it writes them on another: errors from
/// either side must end the load cleanly, roll the file back and leave no thread behind.
struct PipelineTests {
    /// A dump of `rows` tracks padded to about 1 KB a row, so it spans several 1 MiB read chunks.
    private func paddedDump(rows: Int, tail: String = "") throws -> String {
        let padding = String(repeating: "x", count: 1000)
        var text = "name,artist,note\n"
        for i in 0..<rows { text += "Song \(i),Artist \(i % 50),\(padding)\n" }
        return try temporaryCSV(text + tail)
    }

    @Test func aReadErrorAfterRowsWereWrittenRollsTheFileBack() throws {
        let warehouse = try temporaryWarehouse()
        // The NUL byte sits in the second 1 MiB chunk: the reader thread fails after many rows were written.
        let path = try paddedDump(rows: 1100, tail: "Bad\0Song,Someone,x\n")
        var options = IngestOptions()
        options.batchSize = 7
        #expect(throws: CSVReader.ReadError.notText(path: path)) { try Ingester(warehouse: warehouse).ingest(path: path, options: options) }
        #expect(try warehouse.count("SELECT count(*) FROM tracks") == 0)
        #expect(try warehouse.count("SELECT count(*) FROM artists") == 0)
        let log = try warehouse.read { try IngestLog.all($0) }
        #expect(log.map(\.status) == ["failed"])
        // The warehouse is usable afterwards.
        try Ingester(warehouse: warehouse).ingest(path: topHitsSample)
        #expect(try warehouse.count("SELECT count(*) FROM tracks") == 141)
    }

    @Test func aWriteErrorStopsTheReaderAndRollsTheFileBack() throws {
        let warehouse = try temporaryWarehouse()
        try warehouse.pool.write { db in
            try db.execute(sql: "CREATE TRIGGER boom BEFORE INSERT ON tracks WHEN NEW.name = 'Song 500' BEGIN SELECT RAISE(ABORT, 'boom'); END")
        }
        let path = try paddedDump(rows: 1100)
        var options = IngestOptions()
        options.batchSize = 7
        #expect(throws: DatabaseError.self) { try Ingester(warehouse: warehouse).ingest(path: path, options: options) }
        #expect(try warehouse.count("SELECT count(*) FROM tracks") == 0)
        #expect(try warehouse.count("SELECT count(*) FROM track_artists") == 0)
        let log = try warehouse.read { try IngestLog.all($0) }
        #expect(log.map(\.status) == ["failed"])
        #expect(log.first?.message?.contains("boom") == true)
    }

    @Test func rowsAreCountedTheSameWhateverTheBatchSize() throws {
        var reports: [IngestReport] = []
        for batchSize in [1, 3, 2048] {
            let warehouse = try temporaryWarehouse()
            var options = IngestOptions()
            options.batchSize = batchSize
            var report = try Ingester(warehouse: warehouse).ingest(path: spotifySample, options: options)
            report.seconds = 0
            report.ingestID = 0
            reports.append(report)
            #expect(try warehouse.count("SELECT count(*) FROM tracks") == 158)
        }
        #expect(reports[0] == reports[1])
        #expect(reports[1] == reports[2])
    }

    @Test func theQueueHoldsAtMostItsDepth() throws {
        let reader = try CSVReader(path: spotifySample)
        let header = try #require(try reader.next())
        let parser = RowParser(mapping: try HeaderMapping(header: header.fields, file: spotifySample))
        let rows = RowPipeline(reader: reader, parser: parser, batchSize: 1, depth: 3)
        defer { rows.stop() }
        var count = 0
        while let batch = try rows.next() {
            count += batch.rows.count
            #expect(rows.heldBatches <= 3)
            if count % 50 == 0 { Thread.sleep(forTimeInterval: 0.01) }  // let the reader fill the queue
        }
        #expect(count == 192)
        #expect(rows.heldBatches == 0)
    }

    @Test func everyKindOfLoadKeepsTheLinks() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        try ingester.ingest(path: spotifySample)
        try ingester.ingest(path: topHitsSample)
        var options = IngestOptions()
        options.force = true
        options.batchSize = 5
        try ingester.ingest(path: spotifySample, options: options)
        #expect(try warehouse.pool.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
    }

    /// The check debug builds run after every ingest (release builds rely on the writer keeping links
    /// by construction) does catch a broken link.
    @Test func theLinkCheckCatchesAnInconsistentLoad() throws {
        let warehouse = try temporaryWarehouse()
        try Ingester(warehouse: warehouse).ingest(path: spotifySample)
        try warehouse.pool.read { db in try Ingester.checkLinks(db, file: "x.csv") }
        try warehouse.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "INSERT INTO track_artists (track_id, position, artist_id) VALUES ('5SuOikwiRyPMVoIQDJUgSV', 9, 999999)")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        try warehouse.pool.read { db in
            _ = #expect(throws: IngestError.self) { try Ingester.checkLinks(db, file: "x.csv") }
        }
    }
}
