import GRDB

/// Identifies what the warehouse holds: the newest finished ingest and the champion runs. Cheap to read
/// on every request; page data is recomputed only when it changes.
enum DataStamp {
    static func read(_ db: Database) throws -> String {
        try String.fetchOne(db, sql: """
            SELECT coalesce((SELECT max(ingest_id) FROM ingests WHERE status = 'succeeded'), 0) || ':' ||
                   coalesce((SELECT group_concat(run_id) FROM (SELECT run_id FROM model_runs WHERE is_champion = 1 ORDER BY run_id)), '')
            """) ?? ""
    }
}
