import Foundation

/// Spotify's downloaded `.zip`: its listening-history files (`StreamingHistory*.json`, `Streaming_History_Audio_*.json`,
/// `endsong_*.json`), extracted to a temporary folder with the system's `unzip` (Jukebox carries no zip reader).
struct HistoryArchive {
    static let unzip = "/usr/bin/unzip"

    /// Paths of the extracted history files, in entry-name order.
    let historyFiles: [String]
    private let folder: URL

    /// A file starting with a zip local-file header (`PK\3\4`), or named `.zip`.
    static func isZip(path: String) -> Bool {
        if path.lowercased().hasSuffix(".zip") { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)).map { Array($0) == [0x50, 0x4B, 0x03, 0x04] } ?? false
    }

    /// Whether an entry is a music listening history (video histories, playlists and account files are not).
    static func isHistoryEntry(_ name: String) -> Bool {
        let base = (name as NSString).lastPathComponent
        guard base.lowercased().hasSuffix(".json") else { return false }
        return base.hasPrefix("StreamingHistory_music_") || base.hasPrefix("Streaming_History_Audio_") || base.hasPrefix("endsong")
            || (base.hasPrefix("StreamingHistory") && base.dropFirst("StreamingHistory".count).first?.isNumber == true)
    }

    init(path: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.unzip) else {
            throw IngestError.unreadableArchive(file: path, reason: "reading a .zip needs \(Self.unzip), which this machine lacks "
                + "(install it, e.g. apt-get install unzip), or unzip the archive yourself and load its StreamingHistory*.json files")
        }
        let listing = try Self.run(["-Z1", path], file: path)
        let entries = String(decoding: listing, as: UTF8.self).split(separator: "\n").map(String.init).filter(Self.isHistoryEntry).sorted()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-zip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var files: [String] = []
        for (index, entry) in entries.enumerated() {
            // unzip reads its entry arguments as patterns: escape the pattern characters.
            let pattern = entry.map { "[]*?\\".contains($0) ? "\\\($0)" : String($0) }.joined()
            let bytes = try Self.run(["-p", path, pattern], file: path)
            // Each in a folder of its own, under its own name (the ingest log shows the file name).
            let subfolder = folder.appendingPathComponent(String(index))
            try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
            let target = subfolder.appendingPathComponent((entry as NSString).lastPathComponent)
            try bytes.write(to: target)
            files.append(target.path)
        }
        if files.isEmpty {
            try? FileManager.default.removeItem(at: folder)
            throw IngestError.unreadableArchive(file: path, reason: "it holds no listening history (StreamingHistory*.json, "
                + "Streaming_History_Audio_*.json or endsong_*.json)")
        }
        historyFiles = files
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    private static func run(_ arguments: [String], file: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: unzip)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw IngestError.unreadableArchive(file: file, reason: "unzip exited with \(process.terminationStatus): "
                + String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        }
        return data
    }
}
