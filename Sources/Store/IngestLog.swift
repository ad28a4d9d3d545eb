import Foundation
import GRDB

/// The `ingests` table: one row per `jukebox ingest` of a file, whatever its outcome.
public struct IngestLogEntry: Sendable, Equatable, Codable {
    public var ingestID: Int64
    public var fileName: String
    public var fileSHA256: String
    public var fileBytes: Int
    public var status: String
    public var startedAt: String
    public var finishedAt: String?
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var rowsRejected: Int
    public var rowsDuplicate: Int
    public var tracksNew: Int
    public var tracksUpdated: Int
    public var popularityConflicts: Int
    public var message: String?

    enum CodingKeys: String, CodingKey {
        case ingestID = "ingest_id", fileName = "file_name", fileSHA256 = "file_sha256", fileBytes = "file_bytes"
        case status, startedAt = "started_at", finishedAt = "finished_at"
        case rowsRead = "rows_read", rowsAccepted = "rows_accepted", rowsRejected = "rows_rejected"
        case rowsDuplicate = "rows_duplicate", tracksNew = "tracks_new", tracksUpdated = "tracks_updated"
        case popularityConflicts = "popularity_conflicts", message
    }

    init(row: Row) {
        ingestID = row["ingest_id"]
        fileName = row["file_name"]
        fileSHA256 = row["file_sha256"]
        fileBytes = row["file_bytes"]
        status = row["status"]
        startedAt = row["started_at"]
        finishedAt = row["finished_at"]
        rowsRead = row["rows_read"]
        rowsAccepted = row["rows_accepted"]
        rowsRejected = row["rows_rejected"]
        rowsDuplicate = row["rows_duplicate"]
        tracksNew = row["tracks_new"]
        tracksUpdated = row["tracks_updated"]
        popularityConflicts = row["popularity_conflicts"]
        message = row["message"]
    }
}

public enum IngestLog {
    public static func all(_ db: Database) throws -> [IngestLogEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM ingests ORDER BY ingest_id").map(IngestLogEntry.init(row:))
    }

    public static func entry(_ db: Database, id: Int64) throws -> IngestLogEntry? {
        try Row.fetchOne(db, sql: "SELECT * FROM ingests WHERE ingest_id = ?", arguments: [id]).map(IngestLogEntry.init(row:))
    }

    /// Whether a file of exactly this size loaded before: only then can a file be one already loaded.
    public static func hasSucceededIngest(_ db: Database, bytes: Int) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ingests WHERE file_bytes = ? AND status = 'succeeded')", arguments: [bytes]) ?? false
    }

    /// The last successful load of a file with these exact bytes, if any.
    public static func succeededIngest(_ db: Database, sha256: String) throws -> IngestLogEntry? {
        try Row.fetchOne(db, sql: "SELECT * FROM ingests WHERE file_sha256 = ? AND status = 'succeeded' ORDER BY ingest_id DESC LIMIT 1",
                         arguments: [sha256]).map(IngestLogEntry.init(row:))
    }

    /// Every ingest as read commands show it: one left 'running' by a process that died reads 'interrupted'.
    public static func all(in warehouse: Warehouse) throws -> [IngestLogEntry] {
        var entries = try warehouse.pool.read(all)
        for index in entries.indices { entries[index].status = warehouse.shownStatus(entries[index].status, of: .ingest) }
        return entries
    }

    /// Records why a run's file did not load (its data transaction rolled back).
    public static func recordFailure(_ db: Database, ingestID: Int64, rowsRead: Int, message: String) throws {
        try db.execute(sql: "UPDATE ingests SET status = 'failed', finished_at = ?, rows_read = ?, message = ? WHERE ingest_id = ?",
                       arguments: [Timestamp.now(), rowsRead, message, ingestID])
    }

    /// Removes a run's row: a run that loaded nothing (refused by --strict, or a file another run loaded meanwhile)
    /// leaves no trace.
    public static func forget(_ db: Database, ingestID: Int64) throws {
        try db.execute(sql: "DELETE FROM ingests WHERE ingest_id = ?", arguments: [ingestID])
    }
}

/// A row of the `rejects` table.
public struct RejectEntry: Sendable, Equatable, Codable {
    public var ingestID: Int64
    public var fileName: String
    public var lineNumber: Int
    public var reason: String
    public var rawLine: String

    enum CodingKeys: String, CodingKey {
        case ingestID = "ingest_id", fileName = "file_name", lineNumber = "line_number", reason, rawLine = "raw_line"
    }

    public static func fetch(_ db: Database, ingestID: Int64? = nil, limit: Int? = nil) throws -> [RejectEntry] {
        var sql = "SELECT r.ingest_id, i.file_name, r.line_number, r.reason, r.raw_line FROM rejects r JOIN ingests i USING (ingest_id)"
        var arguments: StatementArguments = []
        if let ingestID {
            sql += " WHERE r.ingest_id = ?"
            arguments = [ingestID]
        }
        sql += " ORDER BY r.ingest_id, r.line_number"
        if let limit { sql += " LIMIT \(limit)" }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            RejectEntry(ingestID: row["ingest_id"], fileName: row["file_name"], lineNumber: row["line_number"],
                        reason: row["reason"], rawLine: row["raw_line"])
        }
    }
}
