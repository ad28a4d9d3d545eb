import Foundation
import GRDB
import Store

extension IngestReport {
    /// Marks the run succeeded with this report's counts: the one statement every loader (dump, history, playlist
    /// slice, artist list) ends its transaction with, so `jukebox ingests` reads the same columns whatever was loaded.
    /// `fileBytes`: the size when the loader learned it while reading (a streamed dump); nil keeps the logged size.
    func recordSuccess(_ db: Database, fileBytes: Int? = nil) throws {
        try db.execute(
            sql: """
                UPDATE ingests SET status = 'succeeded', finished_at = ?, file_sha256 = ?, file_bytes = coalesce(?, file_bytes),
                    rows_read = ?, rows_accepted = ?, rows_rejected = ?, rows_duplicate = ?, rows_skipped = ?,
                    tracks_new = ?, tracks_updated = ?, popularity_conflicts = ?
                WHERE ingest_id = ?
                """,
            arguments: [Timestamp.now(), sha256, fileBytes, rowsRead, rowsAccepted, rowsRejected, rowsDuplicate, rowsSkipped,
                        tracksNew, tracksUpdated, popularityConflicts, ingestID])
    }
}
