import Foundation
import GRDB
import Ingest
@_spi(WarehouseSQL) import Store

/// The repository's `data/` folder, found from this file's location.
let repositoryData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data")
let spotifySample = repositoryData.appendingPathComponent("samples/spotify_tracks_sample.csv").path
let topHitsSample = repositoryData.appendingPathComponent("samples/top_hits_sample.csv").path

/// A fresh warehouse file in a temporary folder.
func temporaryWarehouse() throws -> Warehouse {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try Warehouse.open(path: folder.appendingPathComponent("test.sqlite").path)
}

/// Writes `text` to a temporary CSV file and returns its path.
func temporaryCSV(_ text: String, name: String = "dump.csv") throws -> String {
    try temporaryCSV(bytes: Array(text.utf8), name: name)
}

/// Writes `bytes` to a temporary CSV file and returns its path.
func temporaryCSV(bytes: [UInt8], name: String = "dump.csv") throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-csv-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

extension Warehouse {
    func count(_ sql: String) throws -> Int { try pool.read { try Int.fetchOne($0, sql: sql) ?? -1 } }

    /// Every user table's rows, to compare a warehouse before and after an operation.
    func snapshot() throws -> [String: [[String]]] {
        try pool.read { db in
            var tables: [String: [[String]]] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY 1, 2")
                    .map { row in row.databaseValues.map { $0.description } }
            }
            return tables
        }
    }
}
