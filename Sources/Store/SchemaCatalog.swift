import Foundation
import GRDB

/// The warehouse's tables and views with their columns and a one-line description (`jukebox schema`).
/// Descriptions come from the `-- ` comment lines right above each CREATE in `migrations/`, so a new
/// migration documents itself; the few tables created without such a comment are described here.
public struct SchemaCatalog: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var name: String
        public var type: String
        public var notNull: Bool
        /// Part of the table's key: its declared primary key or, for a table keyed by a unique index
        /// instead (the track tables, so that a first load can build that index once), that index.
        public var primaryKey: Bool
    }

    public struct Entry: Sendable, Equatable {
        public var name: String
        /// "table" or "view".
        public var kind: String
        public var description: String
        public var columns: [Column]
    }

    public var entries: [Entry]

    static let uncommented: [String: String] = [
        "schema_migrations": "Migrations applied to this file, with the checksum each had when applied.",
        "artists": "One row per artist name.",
        "tracks": "One row per track: Spotify id (or a derived jb- id), name, album, duration and release date.",
        "genres": "One row per genre name.",
        "track_genres": "Which genres each track is filed under, and the ingest that first said so.",
    ]

    /// Descriptions that replace an applied migration's comment, which can no longer change (its checksum is recorded).
    static let corrected: [String: String] = [
        "ingests": "Every run of `jukebox ingest` that started loading a file: succeeded, failed or interrupted. A file refused before loading (not CSV, no usable header, already loaded) or by --strict leaves no row.",
    ]

    @_spi(WarehouseSQL) public static func fetch(_ db: Database, migrations: [Migration] = Migration.embedded()) throws -> SchemaCatalog {
        let described = descriptions(in: migrations)
        let objects = try Row.fetchAll(db, sql: """
            SELECT type, name FROM sqlite_master
            WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
            ORDER BY type, name
            """)
        let entries = try objects.map { row -> Entry in
            let name: String = row["name"]
            let info = try db.columns(in: name)
            let declaredKey = Set(info.filter { $0.primaryKeyIndex > 0 }.map(\.name))
            let key = declaredKey.isEmpty ? try uniqueIndexColumns(db, table: name) : declaredKey
            let columns = info.map { Column(name: $0.name, type: $0.type, notNull: $0.isNotNull, primaryKey: key.contains($0.name)) }
            return Entry(name: name, kind: row["type"], description: corrected[name] ?? described[name] ?? uncommented[name] ?? "",
                         columns: columns)
        }
        return SchemaCatalog(entries: entries)
    }

    /// Columns of the table's unique index made by CREATE INDEX (the first by name if there were several).
    private static func uniqueIndexColumns(_ db: Database, table: String) throws -> Set<String> {
        let quoted = table.quotedDatabaseIdentifier
        guard let index = try Row.fetchAll(db, sql: "PRAGMA index_list(\(quoted))")
            .filter({ $0["unique"] == 1 && $0["origin"] == "c" }).map({ $0["name"] as String }).sorted().first
        else { return [] }
        return Set(try Row.fetchAll(db, sql: "PRAGMA index_info(\(index.quotedDatabaseIdentifier))").map { $0["name"] as String })
    }

    /// Table or view name → the comment block directly above its CREATE (no blank line between).
    static func descriptions(in migrations: [Migration]) -> [String: String] {
        var result: [String: String] = [:]
        for migration in migrations {
            var comment: [String] = []
            for line in migration.sql.split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("--") {
                    comment.append(trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces))
                    continue
                }
                if let name = createdName(trimmed), !comment.isEmpty { result[name] = comment.joined(separator: " ") }
                comment = []
            }
        }
        return result
    }

    /// `CREATE [TEMP] TABLE|VIEW [IF NOT EXISTS] name ...` → name.
    static func createdName(_ line: String) -> String? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "(" }).map(String.init)
        guard words.first?.uppercased() == "CREATE" else { return nil }
        words.removeFirst()
        if ["TEMP", "TEMPORARY"].contains(words.first?.uppercased()) { words.removeFirst() }
        guard ["TABLE", "VIEW"].contains(words.first?.uppercased()) else { return nil }
        words.removeFirst()
        if words.prefix(3).map({ $0.uppercased() }) == ["IF", "NOT", "EXISTS"] { words.removeFirst(3) }
        return words.first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"`[]")) }
    }
}
