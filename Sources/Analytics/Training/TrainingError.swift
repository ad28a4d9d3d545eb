import Foundation

/// What training refuses (a busy or unsafe training lock is a `StoreError`, shared with ingests).
public enum TrainingError: Error, Equatable, LocalizedError {
    case unknownRun(Int64)

    public var errorDescription: String? {
        switch self {
        case let .unknownRun(id):
            return "no model run \(id); list runs with `jukebox models`"
        }
    }
}
