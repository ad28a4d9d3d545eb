import GRDB

/// What one statement of a `jukebox sql` run gave back.
public struct ReadOnlySQLResult: Sendable {
    /// 1-based position of the statement in the input.
    public var index: Int
    public var columns: [String]
    public var rows: [[DatabaseValue]]
    /// True when the statement had more rows than the row cap allowed.
    public var truncated: Bool
    /// Rows inserted, updated or deleted; nil on the read-only path.
    public var changes: Int?
}
