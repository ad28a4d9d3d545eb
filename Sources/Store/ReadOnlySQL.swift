import Foundation
import GRDB
import GRDBSQLite

/// Runs user-written SQL against the warehouse (`jukebox sql`). Reading is the default and is guarded
/// three ways: a read-only connection, `SQLGuard` on every statement before any runs, and a time limit.
public struct ReadOnlySQL: Sendable {
    public var timeout: Double
    public var maxRows: Int
    /// The longest text or blob one value may reach while the user's statements run (SQLite's length limit):
    /// `printf('%.*c', 1e9, 'x')` fails instead of filling memory.
    public var maxValueBytes = 10_000_000
    /// Bytes of values one read may return over all its statements; past it rows are cut, as at the row cap.
    public var maxResultBytes = 100_000_000

    public init(timeout: Double = 10, maxRows: Int = 10_000) {
        self.timeout = timeout
        self.maxRows = maxRows
    }

    /// Checks every statement of `sql`, then runs them in order on a read-only connection.
    @_spi(WarehouseSQL) public func read(_ sql: String, in reader: any DatabaseReader) throws -> [ReadOnlySQLResult] {
        let deadline = try start(sql)
        return try reader.read { db in try readChecked(sql, deadline: deadline, in: db) }
    }

    /// The same without holding a thread while it waits or runs (the web console): several run at once on the
    /// pool's reader connections, and cancelling the calling task (a client that went away) interrupts the query.
    @_spi(WarehouseSQL) public func read(_ sql: String, in reader: any DatabaseReader) async throws -> [ReadOnlySQLResult] {
        let deadline = try start(sql)
        do {
            return try await reader.read { db in try readChecked(sql, deadline: deadline, in: db) }
        } catch let error as ReadOnlySQLError {
            if Task.isCancelled { throw CancellationError() }
            throw error
        }
    }

    /// Checks the text of every statement and starts the clock, so time spent waiting for a free connection counts.
    private func start(_ sql: String) throws -> ReadOnlySQLDeadline {
        // The text first: preparing a statement can already change the connection (setting pragmas).
        for (offset, text) in SQLText.statements(sql).enumerated() { try SQLGuard.checkBeforePreparing(text, index: offset + 1) }
        return ReadOnlySQLDeadline(seconds: timeout)
    }

    private func readChecked(_ sql: String, deadline: ReadOnlySQLDeadline, in db: Database) throws -> [ReadOnlySQLResult] {
        let handle = db.sqliteConnection
        let previousLimit = sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, Int32(clamping: maxValueBytes))
        defer { sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, previousLimit) }
        let statements = try Self.checkAll(sql, in: db)
        var bytesLeft = maxResultBytes
        return try deadline.enforce(on: db) {
            try statements.enumerated().map { offset, statement in
                try run(statement, index: offset + 1, deadline: deadline, countChanges: false, bytesLeft: &bytesLeft, in: db)
            }
        }
    }

    /// Runs the statements of `sql` one at a time, outside any implicit transaction, so each one sees
    /// the schema its predecessors made; reports the rows each changed.
    @_spi(WarehouseSQL) public func write(_ sql: String, in writer: any DatabaseWriter) throws -> [ReadOnlySQLResult] {
        try writer.writeWithoutTransaction { db in
            let deadline = ReadOnlySQLDeadline(seconds: timeout)
            return try deadline.enforce(on: db) {
                var results: [ReadOnlySQLResult] = []
                let cursor = try db.allStatements(sql: sql)
                var bytesLeft = maxResultBytes
                while let statement = try Self.next(cursor, index: results.count + 1) {
                    results.append(try run(statement, index: results.count + 1, deadline: deadline, countChanges: true,
                                           bytesLeft: &bytesLeft, in: db))
                }
                if results.isEmpty { throw ReadOnlySQLError.empty }
                // An open transaction would be rolled back silently when the connection closes.
                if db.isInsideTransaction {
                    try db.rollback()
                    throw ReadOnlySQLError.uncommitted
                }
                return results
            }
        }
    }

    /// Checks each statement as soon as it is prepared, so a refused one is reported as refused even
    /// when a later statement could not be prepared without it having run.
    private static func checkAll(_ sql: String, in db: Database) throws -> [Statement] {
        var statements: [Statement] = []
        let cursor = try db.allStatements(sql: sql)
        while let statement = try next(cursor, index: statements.count + 1) {
            try SQLGuard.check(statement, index: statements.count + 1)
            statements.append(statement)
        }
        if statements.isEmpty { throw ReadOnlySQLError.empty }
        return statements
    }

    /// Roughly what a value weighs once returned: its bytes for text and blobs, 8 for the rest.
    static func size(of value: DatabaseValue) -> Int {
        switch value.storage {
        case let .string(text): return text.utf8.count
        case let .blob(data): return data.count
        default: return 8
        }
    }

    private static func next(_ cursor: SQLStatementCursor, index: Int) throws -> Statement? {
        do { return try cursor.next() } catch let error as DatabaseError {
            throw ReadOnlySQLError.failed(index: index, message: error.message ?? "\(error)")
        }
    }

    private func run(_ statement: Statement, index: Int, deadline: ReadOnlySQLDeadline, countChanges: Bool,
                     bytesLeft: inout Int, in db: Database) throws -> ReadOnlySQLResult {
        var result = ReadOnlySQLResult(index: index, columns: statement.columnNames, rows: [], truncated: false)
        // sqlite3_changes keeps the previous statement's count across DDL; the running total does not.
        let changesBefore = db.totalChangesCount
        do {
            if statement.columnCount == 0 {
                try statement.execute()
            } else {
                let rows = try Row.fetchCursor(statement)
                while let row = try rows.next() {
                    guard result.rows.count < maxRows else { result.truncated = true; break }
                    let values = Array(row.databaseValues)
                    bytesLeft -= values.reduce(0) { $0 + Self.size(of: $1) }
                    guard bytesLeft >= 0 else { result.truncated = true; result.cutAtByteCap = true; break }
                    result.rows.append(values)
                }
            }
        } catch let error as DatabaseError {
            if deadline.wasHit, error.resultCode == .SQLITE_INTERRUPT {
                throw ReadOnlySQLError.timedOut(index: index, seconds: timeout)
            }
            throw ReadOnlySQLError.failed(index: index, message: error.message ?? "\(error)")
        }
        if countChanges, !statement.isReadonly { result.changes = db.totalChangesCount - changesBefore }
        return result
    }
}
