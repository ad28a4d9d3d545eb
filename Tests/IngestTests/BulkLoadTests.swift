import Foundation
import GRDB
import Testing
@testable import Ingest
@_spi(WarehouseSQL) import Store

/// Name and definition of every index, to compare a warehouse's schema with a freshly migrated one.
private func indexes(_ warehouse: Warehouse) throws -> [String] {
    try warehouse.pool.read { db in
        try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").map { "\($0)" }
    }
}

/// v_tracks for Spotify-id tracks, every column a user sees (the top-hits sample's tracks have derived jb- ids).
private func spotifyTracks(_ warehouse: Warehouse) throws -> [String] {
    try warehouse.pool.read { db in
        try Row.fetchAll(db, sql: "SELECT * FROM v_tracks WHERE id_is_derived = 0 ORDER BY track_id").map { "\($0)" }
    }
}

struct BulkLoadTests {
    /// A load into an empty warehouse drops the track tables' indexes and builds them at the end.
    @Test func aFirstLoadLeavesEveryIndexAsTheMigrationsDefineIt() throws {
        let fresh = try indexes(try temporaryWarehouse())
        let loaded = try temporaryWarehouse()
        try Ingester(warehouse: loaded).ingest(path: spotifySample)
        #expect(try indexes(loaded) == fresh)
        #expect(fresh.contains { $0.contains("idx_tracks_track_id") && $0.contains("UNIQUE") })
        #expect(try loaded.pool.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
    }

    /// The same file loaded in bulk (empty warehouse) and row by row (a warehouse that already holds a dump)
    /// gives the same tracks, with the same artists, genres, popularity and features.
    @Test func bulkAndIncrementalLoadsAgree() throws {
        let bulk = try temporaryWarehouse()
        let report = try Ingester(warehouse: bulk).ingest(path: spotifySample)
        let incremental = try temporaryWarehouse()
        try Ingester(warehouse: incremental).ingest(path: topHitsSample)
        let second = try Ingester(warehouse: incremental).ingest(path: spotifySample)
        #expect(try spotifyTracks(bulk) == spotifyTracks(incremental))
        #expect(try spotifyTracks(bulk).count == 158)
        #expect(second.tracksNew == report.tracksNew)
        #expect(second.popularityConflicts == report.popularityConflicts)
        #expect(second.rowsDuplicate == report.rowsDuplicate)
    }

    /// A first load that fails part-way rolls back the dropped indexes with everything else.
    @Test func aFailedFirstLoadKeepsTheIndexes() throws {
        let warehouse = try temporaryWarehouse()
        let fresh = try indexes(warehouse)
        // More than the reader's first 1 MiB chunk of good rows, then a NUL byte: the read fails mid-load.
        var text = "track_id,track_name,artists,duration_ms,track_genre\n"
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for i in 0..<30_000 {
            var id = "", n = i
            for _ in 0..<22 { id.append(alphabet[n % 62]); n /= 62 }
            text += "\(id),Song \(i),Artist \(i % 500),\(180_000 + i),genre\(i % 9)\n"
        }
        text += "\u{0}\n"
        let path = try temporaryCSV(text)
        #expect(throws: CSVReader.ReadError.notText(path: path)) { try Ingester(warehouse: warehouse).ingest(path: path) }
        #expect(try indexes(warehouse) == fresh)
        #expect(try warehouse.count("SELECT count(*) FROM tracks") == 0)
        #expect(try warehouse.count("SELECT count(*) FROM ingests WHERE status = 'failed'") == 1)
        // And the next load is a bulk load that succeeds.
        try Ingester(warehouse: warehouse).ingest(path: spotifySample)
        #expect(try indexes(warehouse) == fresh)
        #expect(try warehouse.count("SELECT count(*) FROM tracks") == 158)
    }
}
