import Foundation
import Testing
@_spi(WarehouseSQL) @testable import Store

struct ReadOnlySQLSchemaCatalogTests {
    @Test func theWarehouseTablesAndViewAreListedWithDescriptions() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let warehouse = try Warehouse.open(path: folder.appendingPathComponent("w.sqlite").path)
        let catalog = try warehouse.pool.read { try SchemaCatalog.fetch($0) }
        let described = Dictionary(uniqueKeysWithValues: catalog.entries.map { ($0.name, $0.description) })
        for expected in ["tracks", "artists", "track_artists", "albums", "genres", "track_genres", "audio_features",
                         "popularity_observations", "ingests", "rejects", "schema_migrations", "v_tracks"] {
            #expect(described[expected]?.isEmpty == false, "\(expected) missing or without a description")
        }
        // The 0001 comment promised more than ingest does (a refused file leaves no row); the correction wins.
        #expect(described["ingests"]?.hasPrefix("Every run of `jukebox ingest` that started loading a file") == true)
        let view = try #require(catalog.entries.first { $0.name == "v_tracks" })
        #expect(view.kind == "view")
        #expect(view.columns.prefix(6).map(\.name) == ["track_id", "track_name", "artists", "album_name", "genres", "popularity"])
        let tracks = try #require(catalog.entries.first { $0.name == "tracks" })
        #expect(tracks.columns.first == .init(name: "track_id", type: "TEXT", notNull: true, primaryKey: true))
    }

    @Test func descriptionsComeFromTheCommentRightAboveEachCreate() throws {
        let migration = try Migration(fileName: "0009_create_things.sql", sql: """
            -- File header, not about any one table.

            -- What a thing is,
            -- over two lines.
            CREATE TABLE IF NOT EXISTS things (id INTEGER);
            CREATE TABLE "bare"(id INTEGER);
            -- A view.
            CREATE VIEW v_things AS SELECT * FROM things;
            """)
        #expect(SchemaCatalog.descriptions(in: [migration]) == ["things": "What a thing is, over two lines.", "v_things": "A view."])
        let ingests = SchemaCatalog.descriptions(in: Migration.embedded())["ingests"]
        #expect(ingests == "Every run of `jukebox ingest`, including refused and interrupted ones.")
    }
}
