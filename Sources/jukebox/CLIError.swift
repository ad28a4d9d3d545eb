import Foundation

/// What the executable itself refuses (the libraries' errors carry their own messages).
enum CLIError: Error, LocalizedError {
    /// A read-only command was pointed at a warehouse file that does not exist.
    case noWarehouse(path: String, fromOption: Bool)
    /// An output file that cannot be written, with the reason in words.
    case cannotWrite(path: String, reason: String)
    /// A genre or feature the warehouse does not have; the message lists the choices.
    case unknownName(String)
    /// `--ingest N` names no ingest.
    case noIngest(Int64)
    /// `jukebox serve` found its port taken.
    case portInUse(host: String, port: Int)
    /// `jukebox serve` cannot listen on the address for another reason.
    case cannotListen(host: String, port: Int, reason: String)

    var errorDescription: String? {
        switch self {
        case let .noWarehouse(path, fromOption):
            let ingest = fromOption ? "jukebox ingest --db \(path) FILE" : "jukebox ingest FILE"
            return "no warehouse at \(path) (run `\(ingest)` to create one)"
        case let .cannotWrite(path, reason):
            return "cannot write \(path): \(reason)"
        case let .unknownName(text):
            return text
        case let .noIngest(id):
            return "no ingest \(id) (see `jukebox ingests`)"
        case let .portInUse(host, port):
            return "port \(port) on \(host) is in use (choose another with --port)"
        case let .cannotListen(host, port, reason):
            return "cannot listen on \(host) port \(port): \(reason)"
        }
    }
}
