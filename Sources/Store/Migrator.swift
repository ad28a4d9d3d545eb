import Foundation
import GRDB

/// Applies `migrations/` in order, each once, each in its own transaction, recording its checksum.
/// Refuses a database whose applied migrations were edited, or that a newer Jukebox wrote.
public struct Migrator: Sendable {
    public struct Status: Sendable, Equatable {
        public let migration: Migration
        public let appliedAt: String?
        public var isApplied: Bool { appliedAt != nil }
    }

    public let migrations: [Migration]

    public init(migrations: [Migration] = Migration.embedded()) {
        self.migrations = migrations
    }

    static let createLedger = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            file_name  TEXT NOT NULL,
            checksum   TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """

    /// Applied and pending migrations, after checking the applied ones are unchanged.
    @_spi(WarehouseSQL) public func status(_ db: Database) throws -> [Status] {
        let applied = try appliedRows(db)
        try verify(applied)
        return migrations.map { Status(migration: $0, appliedAt: applied[$0.version]?.appliedAt) }
    }

    @_spi(WarehouseSQL) public func pending(_ db: Database) throws -> [Migration] {
        try status(db).filter { !$0.isApplied }.map(\.migration)
    }

    /// Applies every pending migration; returns the ones it applied.
    @discardableResult
    @_spi(WarehouseSQL) public func migrate(_ writer: some DatabaseWriter) throws -> [Migration] {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: Self.createLedger)
            var applied: [Migration] = []
            // Foreign keys are off while a migration runs, so that it can rebuild a table (a DROP would
            // otherwise cascade into the tables that point at it); every link is checked before it commits.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            for migration in try pending(db) {
                do {
                    try db.inTransaction(.immediate) {
                        // Another process may have applied it while we waited for the lock.
                        let done = try Bool.fetchOne(db, sql: "SELECT 1 FROM schema_migrations WHERE version = ?",
                                                     arguments: [migration.version]) ?? false
                        if !done {
                            try db.execute(sql: migration.sql)
                            if let violation = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") {
                                throw StoreError.migrationFailed(fileName: migration.fileName, reason: "it leaves a broken link: \(violation)")
                            }
                            try db.execute(
                                sql: "INSERT INTO schema_migrations (version, file_name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                                arguments: [migration.version, migration.fileName, migration.checksum, Timestamp.now()])
                        }
                        return .commit
                    }
                } catch let error as DatabaseError {
                    throw StoreError.migrationFailed(fileName: migration.fileName, reason: error.message ?? "\(error)")
                }
                applied.append(migration)
            }
            return applied
        }
    }

    private struct AppliedRow {
        let fileName: String
        let checksum: String
        let appliedAt: String
    }

    private func appliedRows(_ db: Database) throws -> [Int: AppliedRow] {
        guard try db.tableExists("schema_migrations") else { return [:] }
        var rows: [Int: AppliedRow] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT version, file_name, checksum, applied_at FROM schema_migrations") {
            rows[row["version"]] = AppliedRow(fileName: row["file_name"], checksum: row["checksum"], appliedAt: row["applied_at"])
        }
        return rows
    }

    private func verify(_ applied: [Int: AppliedRow]) throws {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        let unknown = applied.keys.filter { known[$0] == nil }.sorted()
        if !unknown.isEmpty {
            throw StoreError.databaseFromNewerJukebox(unknownMigrations: unknown.map { applied[$0]!.fileName })
        }
        for (version, row) in applied.sorted(by: { $0.key < $1.key }) {
            let migration = known[version]!
            if migration.checksum != row.checksum {
                throw StoreError.migrationChanged(fileName: migration.fileName, appliedChecksum: row.checksum,
                                                  currentChecksum: migration.checksum)
            }
        }
    }
}
