import Foundation
import GRDB
import Ingest
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

/// A track's first genre is one rule: `v_track_first_genre` (SQL, what training reads) and `FirstGenre` (Swift, what
/// `predict` applies to a dump not loaded yet) answer alike for every track of the real samples.
struct FirstGenreTests {
    @Test func viewAndSwiftRuleAgreeOnEveryTrack() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/samples")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-first-genre-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let warehouse = try Warehouse.open(path: folder.appendingPathComponent("w.sqlite").path)
        let ingester = Ingester(warehouse: warehouse)
        for file in ["spotify_tracks_sample.csv", "top_hits_sample.csv", "spotify_playlists_sample.csv"] {
            try ingester.ingest(path: samples.appendingPathComponent(file).path)
        }
        // Tags of both vocabularies on one track, and names whose case and accents order differently in bytes.
        try warehouse.pool.write { db in
            let track = try #require(try String.fetchOne(db, sql: "SELECT track_id FROM tracks ORDER BY track_id LIMIT 1"))
            for name in ["Électro", "afro", "Zouk", "_x"] {
                try db.execute(sql: "INSERT INTO genres (name, vocabulary) VALUES (?, 'test')", arguments: [name])
                try db.execute(sql: "INSERT INTO track_genres (track_id, genre_id, first_ingest_id) VALUES (?, ?, 1)",
                               arguments: [track, db.lastInsertedRowID])
            }
        }
        let (fromView, tags) = try warehouse.pool.read { db in
            (Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT track_id, genre FROM v_track_first_genre").map { ($0[0] as String, $0[1] as String) }),
             Dictionary(grouping: try Row.fetchAll(db, sql: "SELECT tg.track_id, g.name FROM track_genres tg JOIN genres g USING (genre_id)"),
                        by: { $0[0] as String }).mapValues { $0.map { $0[1] as String } })
        }
        #expect(fromView.count == tags.count && fromView.count > 100)
        for (track, names) in tags { #expect(FirstGenre.of(names) == fromView[track], "\(track): \(names)") }
        #expect(tags.values.contains { $0.contains("Électro") })
    }
}
