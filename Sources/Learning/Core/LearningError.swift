import Foundation

/// Every recoverable failure of the learning engine, with a message that tells the caller what to change.
public enum LearningError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidShape(String)
    case invalidArgument(String)
    case emptyInput(String)
    case unknownColumn(String)
    case notEnoughData(String)
    case truncatedModel(expectedBytes: Int, actualBytes: Int)
    case badMagic
    case unsupportedFormatVersion(found: UInt16, supported: UInt16)
    case checksumMismatch
    case wrongModelKind(expected: String, found: String)
    case corruptedPayload(String)

    public var description: String {
        switch self {
        case .invalidShape(let s): return "Invalid shape: \(s)"
        case .invalidArgument(let s): return "Invalid argument: \(s)"
        case .emptyInput(let s): return "Empty input: \(s)"
        case .unknownColumn(let s): return "Unknown column '\(s)': check the column names of the feature matrix."
        case .notEnoughData(let s): return "Not enough data: \(s)"
        case .truncatedModel(let e, let a):
            return "The model blob is truncated (needs at least \(e) bytes, got \(a)); re-export the model or check the storage column size."
        case .badMagic: return "The blob is not a Jukebox learning model (bad magic bytes)."
        case .unsupportedFormatVersion(let f, let s):
            return "The model was written with format version \(f) but this build reads up to \(s); upgrade Jukebox to load it."
        case .checksumMismatch: return "The model blob is corrupted (checksum mismatch); re-train or restore it from a backup."
        case .wrongModelKind(let e, let f): return "Expected a \(e) model but the blob holds a \(f) model."
        case .corruptedPayload(let s): return "The model payload is corrupted: \(s); re-train or restore it from a backup."
        }
    }
}
