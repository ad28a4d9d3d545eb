import Foundation

/// The path of a warehouse in a new temporary folder of its own (nothing is created at the path itself).
func temporaryWarehousePath() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("w.sqlite").path
}
