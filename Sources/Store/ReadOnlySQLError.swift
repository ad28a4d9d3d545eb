import Foundation

/// Why `jukebox sql` did not run, or stopped running, what it was given.
public enum ReadOnlySQLError: Error, Equatable, LocalizedError {
    case empty
    case refused(index: Int, statement: String, reason: String)
    case timedOut(index: Int, seconds: Double)
    case failed(index: Int, message: String)
    case uncommitted

    public var errorDescription: String? {
        switch self {
        case .empty:
            return "no SQL statement given"
        case let .refused(index, statement, reason):
            return "refused statement \(index) (\(statement)): \(reason); nothing was run. "
                + "`jukebox sql` only reads unless given --write"
        case let .timedOut(index, seconds):
            return "statement \(index) was stopped at the time limit of \(seconds.formatted()) s; "
                + "allow more with --timeout SECONDS"
        case let .failed(index, message):
            return "statement \(index): \(message)"
        case .uncommitted:
            return "the SQL began a transaction and did not commit it, so it was rolled back; end it with COMMIT to keep its changes"
        }
    }
}
