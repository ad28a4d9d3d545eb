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
