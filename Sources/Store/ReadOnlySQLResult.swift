import GRDB

/// What one statement of a `jukebox sql` run gave back.
public struct ReadOnlySQLResult: Sendable {
    /// 1-based position of the statement in the input.
    public var index: Int
    public var columns: [String]
    public var rows: [[DatabaseValue]]
    /// True when the statement had more rows than the row cap (or the byte cap) allowed.
    public var truncated: Bool
    /// True when the rows were cut because the run's values passed `ReadOnlySQL.maxResultBytes`.
    public var cutAtByteCap = false
    /// Rows inserted, updated or deleted; nil on the read-only path.
    public var changes: Int?
}
