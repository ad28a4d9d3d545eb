import Foundation
import GRDB

public enum IngestLog {
    public static func all(_ reader: WarehouseReader) throws -> [IngestLogEntry] {
        try Row.fetchAll(reader.db, sql: "SELECT * FROM ingests ORDER BY ingest_id").map(IngestLogEntry.init(row:))
    }

    public static func entry(_ reader: WarehouseReader, id: Int64) throws -> IngestLogEntry? {
        try Row.fetchOne(reader.db, sql: "SELECT * FROM ingests WHERE ingest_id = ?", arguments: [id]).map(IngestLogEntry.init(row:))
    }

    /// Whether a file of exactly this size loaded before: only then can a file be one already loaded.
    public static func hasSucceededIngest(_ reader: WarehouseReader, bytes: Int) throws -> Bool {
        try Bool.fetchOne(reader.db, sql: "SELECT EXISTS (SELECT 1 FROM ingests WHERE file_bytes = ? AND status = 'succeeded')", arguments: [bytes]) ?? false
    }

    /// The last successful load of a file with these exact bytes, if any.
    public static func succeededIngest(_ reader: WarehouseReader, sha256: String) throws -> IngestLogEntry? {
        try Row.fetchOne(reader.db, sql: "SELECT * FROM ingests WHERE file_sha256 = ? AND status = 'succeeded' ORDER BY ingest_id DESC LIMIT 1",
                         arguments: [sha256]).map(IngestLogEntry.init(row:))
    }

    /// Every ingest as read commands show it: one left 'running' by a process that died reads 'interrupted'.
    public static func all(in warehouse: Warehouse) throws -> [IngestLogEntry] {
        var entries = try warehouse.read(all)
        for index in entries.indices { entries[index].status = warehouse.shownStatus(entries[index].status, of: .ingest) }
        return entries
    }

    /// Records why a run's file did not load (its data transaction rolled back).
    public static func recordFailure(_ writer: WarehouseWriter, ingestID: Int64, rowsRead: Int, message: String) throws {
        try writer.db.execute(sql: "UPDATE ingests SET status = 'failed', finished_at = ?, rows_read = ?, message = ? WHERE ingest_id = ?",
                       arguments: [Timestamp.now(), rowsRead, message, ingestID])
    }

    /// Removes a run's row: a run that loaded nothing (refused by --strict, or a file another run loaded meanwhile)
    /// leaves no trace.
    public static func forget(_ writer: WarehouseWriter, ingestID: Int64) throws {
        try writer.db.execute(sql: "DELETE FROM ingests WHERE ingest_id = ?", arguments: [ingestID])
    }
}
