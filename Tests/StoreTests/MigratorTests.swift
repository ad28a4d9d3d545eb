import Foundation
import GRDB
import Testing
@_spi(WarehouseSQL) @testable import Store

private func temporaryPath() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("w.sqlite").path
}

struct MigratorTests {
    @Test func embedsEveryMigrationFileInOrder() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }.sorted()
        let embedded = Migration.embedded()
        #expect(embedded.map(\.fileName) == files)
        for migration in embedded {
            let onDisk = try String(contentsOf: folder.appendingPathComponent(migration.fileName), encoding: .utf8)
            #expect(migration.sql == onDisk)
        }
    }

    @Test func appliesAllOnceAndRecordsChecksums() throws {
        let path = try temporaryPath()
        let migrator = Migrator()
        #expect(try migrator.migrateFile(path: path).count == migrator.migrations.count)
        #expect(try migrator.migrateFile(path: path).isEmpty)
        let statuses = try migrator.statusOfFile(path: path)
        #expect(statuses.allSatisfy { $0.isApplied })
        let queue = try DatabaseQueue(path: path)
        let checksums = try queue.read { try String.fetchAll($0, sql: "SELECT checksum FROM schema_migrations ORDER BY version") }
        #expect(checksums == migrator.migrations.map(\.checksum))
    }

    @Test func statusListsPendingWithoutApplying() throws {
        let path = try temporaryPath()
        let first = try Migrator(migrations: [Migration.embedded()[0]]).migrateFile(path: path)
        #expect(first.count == 1)
        let statuses = try Migrator().statusOfFile(path: path)
        #expect(statuses.filter { $0.isApplied }.count == 1)
        #expect(statuses.filter { !$0.isApplied }.count == Migration.embedded().count - 1)
    }

    @Test func refusesAnAppliedMigrationThatChanged() throws {
        let path = try temporaryPath()
        let original = try Migration(fileName: "0001_create_things.sql", sql: "CREATE TABLE things (id INTEGER PRIMARY KEY);")
        try Migrator(migrations: [original]).migrateFile(path: path)
        let edited = try Migration(fileName: "0001_create_things.sql", sql: "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT);")
        #expect(throws: StoreError.migrationChanged(fileName: "0001_create_things.sql", appliedChecksum: original.checksum,
                                                    currentChecksum: edited.checksum)) {
            try Migrator(migrations: [edited]).migrateFile(path: path)
        }
        let message = StoreError.migrationChanged(fileName: "0001_create_things.sql", appliedChecksum: original.checksum,
                                                  currentChecksum: edited.checksum).localizedDescription
        #expect(message.contains("0001_create_things.sql"))
    }

    @Test func refusesADatabaseFromANewerJukebox() throws {
        let path = try temporaryPath()
        let one = try Migration(fileName: "0001_create_things.sql", sql: "CREATE TABLE things (id INTEGER PRIMARY KEY);")
        let two = try Migration(fileName: "0002_add_more.sql", sql: "CREATE TABLE more (id INTEGER PRIMARY KEY);")
        try Migrator(migrations: [one, two]).migrateFile(path: path)
        #expect(throws: StoreError.databaseFromNewerJukebox(unknownMigrations: ["0002_add_more.sql"])) {
            try Migrator(migrations: [one]).migrateFile(path: path)
        }
    }

    @Test func aFailingMigrationRollsBackAndIsNotRecorded() throws {
        let path = try temporaryPath()
        let good = try Migration(fileName: "0001_create_things.sql", sql: "CREATE TABLE things (id INTEGER PRIMARY KEY);")
        let bad = try Migration(fileName: "0002_break_things.sql", sql: "CREATE TABLE half (id INTEGER); SELECT * FROM no_such_table;")
        #expect(throws: StoreError.self) { try Migrator(migrations: [good, bad]).migrateFile(path: path) }
        let queue = try DatabaseQueue(path: path)
        let (things, half, recorded) = try queue.read { db in
            (try db.tableExists("things"), try db.tableExists("half"), try Int.fetchOne(db, sql: "SELECT count(*) FROM schema_migrations"))
        }
        #expect(things)
        #expect(!half)
        #expect(recorded == 1)
    }

    @Test func rejectsBadFileNames() {
        #expect(throws: StoreError.badMigrationFileName("create.sql")) { try Migration(fileName: "create.sql", sql: "") }
        #expect(throws: StoreError.badMigrationFileName("01_create.sql")) { try Migration(fileName: "01_create.sql", sql: "") }
    }

    @Test func openingConfiguresWALAndForeignKeys() throws {
        let warehouse = try Warehouse.open(path: try temporaryPath())
        let (journal, foreignKeys) = try warehouse.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
    }

    @Test func readOnlyWarehouseRefusesWrites() throws {
        let path = try temporaryPath()
        _ = try Warehouse.open(path: path)
        let reader = try Warehouse.openReadOnly(path: path)
        #expect(throws: DatabaseError.self) {
            try reader.pool.read { try $0.execute(sql: "DELETE FROM tracks") }
        }
    }

    @Test func databaseLocationPrefersOptionThenEnvironment() {
        #expect(DatabaseLocation.resolve(option: "a.sqlite", environment: ["JUKEBOX_DB": "b.sqlite"]) == "a.sqlite")
        #expect(DatabaseLocation.resolve(option: nil, environment: ["JUKEBOX_DB": "b.sqlite"]) == "b.sqlite")
        #expect(DatabaseLocation.resolve(option: nil, environment: [:]) == "jukebox.sqlite")
    }
}

/// Migration 0010: genre labels keep their vocabulary; existing labels are back-filled from the ingest that introduced them.
struct GenreVocabularyMigrationTests {
    @Test func backFillsEachLabelsVocabularyAndLetsTwoVocabulariesShareAName() throws {
        let path = try temporaryPath()
        let before = Migration.embedded().filter { $0.version < 10 }
        _ = try Migrator(migrations: before).migrateFile(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO ingests (ingest_id, file_name, file_sha256, file_bytes, status, started_at) VALUES
                    (1, 'spotify_tracks.csv', 'a', 1, 'succeeded', 't'), (2, 'top_hits.csv', 'b', 1, 'succeeded', 't');
                INSERT INTO tracks (track_id, id_is_derived, name, first_ingest_id, last_ingest_id) VALUES
                    ('5SuOikwiRyPMVoIQDJUgSV', 0, 'Comedy', 1, 1), ('jb-1', 1, 'Oops', 2, 2);
                INSERT INTO genres (genre_id, name) VALUES (1, 'acoustic'), (2, 'hip hop'), (3, 'unused');
                INSERT INTO track_genres (track_id, genre_id, first_ingest_id) VALUES
                    ('5SuOikwiRyPMVoIQDJUgSV', 1, 1), ('jb-1', 2, 2);
                """)
        }
        _ = try Migrator().migrateFile(path: path)
        let rows = try queue.read { try Row.fetchAll($0, sql: "SELECT genre_id, name, vocabulary FROM genres ORDER BY genre_id") }
        #expect(rows.map { $0["vocabulary"] as String } == ["track_genre", "genre", "track_genre"])
        #expect(rows.map { $0["name"] as String } == ["acoustic", "hip hop", "unused"])
        try queue.write { db in
            try db.execute(sql: "INSERT INTO genres (name, vocabulary) VALUES ('hip hop', 'track_genre')")
            #expect(throws: (any Error).self) { try db.execute(sql: "INSERT INTO genres (name, vocabulary) VALUES ('Hip Hop', 'genre')") }
        }
        let view = try queue.read { try Row.fetchAll($0, sql: "SELECT genre, vocabulary FROM v_genre_training") }
        #expect(view.isEmpty) // no audio features: the view keeps its rule
    }
}
