import Foundation
import GRDB
import Ingest
@_spi(WarehouseSQL) import Store

/// Warehouses for the trends, playlist and lookup tests: the real samples, or a few tracks by hand.
enum QueryFixtures {
    /// Both sample dumps of data/samples, ingested once and shared (tests only read it).
    static let sample: Warehouse = {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/samples")
        let warehouse = try! emptyWarehouse()
        for file in ["spotify_tracks_sample.csv", "top_hits_sample.csv"] {
            _ = try! Ingester(warehouse: warehouse).ingest(path: samples.appendingPathComponent(file).path)
        }
        return warehouse
    }()

    static func emptyWarehouse() throws -> Warehouse {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-query-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try Warehouse.open(path: folder.appendingPathComponent("w.sqlite").path)
    }

    struct Track {
        var id: String
        var name: String
        var artists: [String] = ["Alpha Band"]
        var genres: [String] = []
        var year: Int? = nil
        var energy = 0.5
        var tempo = 120.0
        var key = 0
        var mode = 1
        var valence = 0.5
        var danceability = 0.5
        /// Popularity observed per ingest id (1 or 2).
        var popularity: [Int: Int] = [:]
    }

    /// A warehouse holding exactly `tracks`, observed by two ingests.
    static func warehouse(_ tracks: [Track]) throws -> Warehouse {
        let warehouse = try emptyWarehouse()
        try warehouse.pool.write { db in
            for ingest in 1...2 {
                try db.execute(sql: """
                    INSERT INTO ingests (ingest_id, file_name, file_sha256, file_bytes, status, started_at)
                    VALUES (?, ?, ?, 1, 'succeeded', '2026-01-01T00:00:00Z')
                    """, arguments: [ingest, "dump\(ingest).csv", "sha\(ingest)"])
            }
            for track in tracks {
                try db.execute(sql: """
                    INSERT INTO tracks (track_id, id_is_derived, name, duration_ms, release_year, first_ingest_id, last_ingest_id)
                    VALUES (?, ?, ?, 200000, ?, 1, 2)
                    """, arguments: [track.id, track.id.hasPrefix("jb-"), track.name, track.year])
                try db.execute(sql: """
                    INSERT INTO audio_features (track_id, danceability, energy, key, loudness, mode, speechiness,
                        acousticness, instrumentalness, liveness, valence, tempo, time_signature)
                    VALUES (?, ?, ?, ?, -6, ?, 0.05, 0.2, 0, 0.1, ?, ?, 4)
                    """, arguments: [track.id, track.danceability, track.energy, track.key, track.mode, track.valence, track.tempo])
                for (position, artist) in track.artists.enumerated() {
                    try db.execute(sql: "INSERT OR IGNORE INTO artists (name) VALUES (?)", arguments: [artist])
                    try db.execute(sql: """
                        INSERT INTO track_artists (track_id, position, artist_id) SELECT ?, ?, artist_id FROM artists WHERE name = ?
                        """, arguments: [track.id, position + 1, artist])
                }
                for genre in track.genres {
                    try db.execute(sql: "INSERT OR IGNORE INTO genres (name) VALUES (?)", arguments: [genre])
                    try db.execute(sql: """
                        INSERT INTO track_genres (track_id, genre_id, first_ingest_id) SELECT ?, genre_id, 1 FROM genres WHERE name = ?
                        """, arguments: [track.id, genre])
                }
                for (ingest, popularity) in track.popularity {
                    try db.execute(sql: "INSERT INTO popularity_observations VALUES (?, ?, ?)",
                                   arguments: [track.id, ingest, popularity])
                }
            }
        }
        return warehouse
    }
}
