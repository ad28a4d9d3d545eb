import Foundation
import GRDB
@_spi(WarehouseSQL) @testable import Store
import Testing

struct WarehouseReaderTests {
    private static func warehouse() throws -> Warehouse {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try Warehouse.open(path: folder.appendingPathComponent("w.sqlite").path)
    }

    /// The compiler keeps the web app and the CLI away from a reader's connection; SQLite refuses a write on it
    /// anyway (the snapshot is read-only), even in the warehouse's own modules.
    @Test func aReaderCannotWrite() throws {
        let warehouse = try Self.warehouse()
        let error = try #require(throws: DatabaseError.self) {
            try warehouse.read { try $0.db.execute(sql: "INSERT INTO genres (genre_id, name) VALUES (1, 'pop')") }
        }
        #expect(error.resultCode == .SQLITE_READONLY)
        #expect(try warehouse.read { try WarehouseStats.fetch($0) }.genres == 0)
    }

    @Test func aWriterCommitsAndReadsItsOwnWrites() throws {
        let warehouse = try Self.warehouse()
        let seen = try warehouse.write { writer in
            try writer.db.execute(sql: "INSERT INTO genres (genre_id, name) VALUES (1, 'pop')")
            return try WarehouseStats.fetch(writer.reader).genres
        }
        #expect(seen == 1)
        #expect(try warehouse.read { try WarehouseStats.fetch($0) }.genres == 1)
    }

    /// One write is one transaction: a body that throws leaves nothing behind.
    @Test func aWriterThatThrowsWritesNothing() throws {
        struct Stop: Error {}
        let warehouse = try Self.warehouse()
        #expect(throws: Stop.self) {
            try warehouse.write { writer in
                try writer.db.execute(sql: "INSERT INTO genres (genre_id, name) VALUES (1, 'pop')")
                throw Stop()
            }
        }
        #expect(try warehouse.read { try WarehouseStats.fetch($0) }.genres == 0)
    }

    @Test func asyncReadsSeeTheSameWarehouse() async throws {
        let warehouse = try Self.warehouse()
        try warehouse.write { try $0.db.execute(sql: "INSERT INTO genres (genre_id, name) VALUES (1, 'pop')") }
        #expect(try await warehouse.read { try WarehouseStats.fetch($0) }.genres == 1)
    }

    @Test func sqlValuesKeepEveryStorageClass() throws {
        let results = try ReadOnlySQL().read("SELECT NULL, 7, 1.5, 'a', x'01ff'", in: try Self.warehouse())
        #expect(results[0].values == [[.null, .int(7), .double(1.5), .text("a"), .blob(Data([0x01, 0xff]))]])
    }

    @Test func anUnknownIngestHasNoEntryAndNoRejects() throws {
        let warehouse = try Self.warehouse()
        let (entry, rejects) = try warehouse.read { reader in
            (try IngestLog.entry(reader, id: 4), try RejectEntry.fetch(reader, ingestID: 4))
        }
        #expect(entry == nil && rejects.isEmpty)
    }
}
