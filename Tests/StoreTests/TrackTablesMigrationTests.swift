import Foundation
import GRDB
import Testing
@testable import Store

private func temporaryPath() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("w.sqlite").path
}

/// Every row of the tables migration 0005 rebuilds and of a model table that points at them.
private let rebuiltTables = ["artists", "albums", "tracks", "track_artists", "track_genres", "audio_features",
                             "popularity_observations", "genre_predictions"]

private func rows(_ db: Database) throws -> [String: [String]] {
    var all: [String: [String]] = [:]
    for table in rebuiltTables {
        // Columns later migrations add (0009: the artists' Spotify ids) are not the rebuild's to keep.
        let columns = table == "artists" ? "artist_id, name" : "*"
        all[table] = try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(table) ORDER BY 1, 2").map { "\($0)" }
    }
    all["v_tracks"] = try Row.fetchAll(db, sql: "SELECT * FROM v_tracks ORDER BY track_id").map { "\($0)" }
    return all
}

struct TrackTablesMigrationTests {
    /// A warehouse written before 0005 keeps every row, every link and every answer of v_tracks.
    @Test func rebuildKeepsEveryRowAndLink() throws {
        let path = try temporaryPath()
        let embedded = Migration.embedded()
        let rebuild = try #require(embedded.firstIndex { $0.fileName.hasPrefix("0005_") })
        try Migrator(migrations: Array(embedded[..<rebuild])).migrateFile(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO ingests (ingest_id, file_name, file_sha256, file_bytes, status, started_at) VALUES (1, 'a.csv', 'x', 1, 'succeeded', 't');
                INSERT INTO artists (artist_id, name) VALUES (1, 'Björk'), (2, 'Guest');
                INSERT INTO albums (album_id, album_key, name) VALUES (7, 'Homogenic' || char(31) || 'Björk', 'Homogenic');
                INSERT INTO genres (genre_id, name) VALUES (3, 'art-pop'), (4, 'electronic');
                INSERT INTO tracks (track_id, name, album_id, duration_ms, explicit, first_ingest_id, last_ingest_id)
                    VALUES ('0000000000000000000001', 'Jóga', 7, 305000, 0, 1, 1), ('0000000000000000000002', 'Bachelorette', NULL, 316000, 0, 1, 1);
                INSERT INTO track_artists VALUES ('0000000000000000000001', 1, 1), ('0000000000000000000001', 2, 2), ('0000000000000000000002', 1, 1);
                INSERT INTO track_genres VALUES ('0000000000000000000001', 3, 1), ('0000000000000000000001', 4, 1);
                INSERT INTO audio_features (track_id, danceability, energy, key, tempo) VALUES ('0000000000000000000001', 0.5, 0.25, 4, 100.5);
                INSERT INTO popularity_observations VALUES ('0000000000000000000001', 1, 61), ('0000000000000000000002', 1, 55);
                INSERT INTO model_runs (run_id, task, feature_set, algorithm, status, started_at) VALUES (1, 'genre', 'full', 'x', 'succeeded', 't');
                INSERT INTO genre_predictions (run_id, track_id, rank, genre, probability, in_holdout)
                    VALUES (1, '0000000000000000000001', 1, 'art-pop', 0.75, 0);
                """)
        }
        let before = try queue.read(rows)
        try queue.close()

        let applied = try Migrator().migrateFile(path: path)
        #expect(applied.map(\.fileName) == embedded[rebuild...].map(\.fileName))
        let after = try DatabaseQueue(path: path)
        #expect(try after.read(rows) == before)
        let (brokenLinks, legacyAlter) = try after.read { db in
            (try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count, try Int.fetchOne(db, sql: "PRAGMA legacy_alter_table"))
        }
        #expect(brokenLinks == 0)
        #expect(legacyAlter == 0)
        // The natural key is still unique, and so are the link tables' keys and the names.
        for duplicate in [
            "INSERT INTO tracks (track_id, name, first_ingest_id, last_ingest_id) VALUES ('0000000000000000000002', 'again', 1, 1)",
            "INSERT INTO track_genres VALUES ('0000000000000000000001', 3, 1)",
            "INSERT INTO artists (name) VALUES ('Björk')",
        ] {
            #expect(throws: DatabaseError.self) { try after.write { try $0.execute(sql: duplicate) } }
        }
        try after.write { try $0.execute(sql: "INSERT INTO artists (name) VALUES ('Someone new')") }
    }

    @Test func aMigrationThatBreaksALinkIsRefused() throws {
        let path = try temporaryPath()
        let tables = try Migration(fileName: "0001_create_things.sql", sql: """
            CREATE TABLE parents (id INTEGER PRIMARY KEY);
            CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parents(id));
            """)
        let orphan = try Migration(fileName: "0002_add_orphan.sql", sql: "INSERT INTO children (parent_id) VALUES (42);")
        #expect(throws: StoreError.self) { try Migrator(migrations: [tables, orphan]).migrateFile(path: path) }
        let queue = try DatabaseQueue(path: path)
        let (children, recorded) = try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM children"), try Int.fetchOne(db, sql: "SELECT count(*) FROM schema_migrations"))
        }
        #expect(children == 0)
        #expect(recorded == 1)
        #expect(StoreError.migrationFailed(fileName: "0002_add_orphan.sql", reason: "it leaves a broken link")
            .localizedDescription.contains("0002_add_orphan.sql"))
    }
}
