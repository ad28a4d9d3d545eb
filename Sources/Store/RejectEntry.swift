import Foundation
import GRDB

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

    @_spi(WarehouseSQL) public static func fetch(_ db: Database, ingestID: Int64? = nil, limit: Int? = nil) throws -> [RejectEntry] {
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
