import Foundation

/// Runs the built `jukebox` binary, as a user or cron would.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let sampleSpotify = repositoryRoot.appendingPathComponent("data/samples/spotify_tracks_sample.csv").path
let sampleTopHits = repositoryRoot.appendingPathComponent("data/samples/top_hits_sample.csv").path

/// The `jukebox` executable SwiftPM built next to the test bundle.
let jukeboxBinary: URL = {
    var folder = Bundle.main.bundleURL
    for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("jukebox")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder.deleteLastPathComponent()
    }
    for configuration in ["debug", "release"] {
        let candidate = repositoryRoot.appendingPathComponent(".build/\(configuration)/jukebox")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    fatalError("jukebox binary not found near \(Bundle.main.bundleURL.path); run `swift build` first")
}()

func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

@discardableResult
func jukebox(_ arguments: [String], binary: URL = jukeboxBinary, in folder: URL? = nil,
             environment: [String: String] = [:]) throws -> CLIResult {
    let process = try start(arguments, binary: binary, in: folder, environment: environment)
    let out = process.standardOutput as! Pipe
    let err = process.standardError as! Pipe
    // Read both pipes while the process runs so a large output cannot block it.
    nonisolated(unsafe) var errData = Data()
    let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    reader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while reader.isExecuting || !reader.isFinished { usleep(1000) }
    return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                     stderr: String(decoding: errData, as: UTF8.self))
}

func start(_ arguments: [String], binary: URL = jukeboxBinary, in folder: URL? = nil, environment: [String: String] = [:]) throws -> Process {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env.removeValue(forKey: "JUKEBOX_DB")
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let folder { process.currentDirectoryURL = folder }
    process.standardOutput = Pipe()
    process.standardError = Pipe()
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
}
