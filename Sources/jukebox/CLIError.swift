import Foundation

/// What the executable itself refuses (the libraries' errors carry their own messages).
enum CLIError: Error, LocalizedError {
    /// A read-only command was pointed at a warehouse file that does not exist.
    case noWarehouse(path: String, fromOption: Bool)
    /// An output file that cannot be written, with the reason in words.
    case cannotWrite(path: String, reason: String)

    var errorDescription: String? {
        switch self {
        case let .noWarehouse(path, fromOption):
            let ingest = fromOption ? "jukebox ingest --db \(path) FILE" : "jukebox ingest FILE"
            return "no warehouse at \(path) (run `\(ingest)` to create one)"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
