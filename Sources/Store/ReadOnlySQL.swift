import Foundation
import GRDB

/// Runs user-written SQL against the warehouse (`jukebox sql`). Reading is the default and is guarded
/// three ways: a read-only connection, `SQLGuard` on every statement before any runs, and a time limit.
public struct ReadOnlySQL: Sendable {
    public var timeout: Double
    public var maxRows: Int

    public init(timeout: Double = 10, maxRows: Int = 10_000) {
        self.timeout = timeout
        self.maxRows = maxRows
    }

    /// Checks every statement of `sql`, then runs them in order on a read-only connection.
    public func read(_ sql: String, in reader: any DatabaseReader) throws -> [ReadOnlySQLResult] {
        try reader.read { db in
            let statements = try Self.checkAll(sql, in: db)
            let deadline = ReadOnlySQLDeadline(seconds: timeout)
            return try deadline.enforce(on: db) {
                try statements.enumerated().map { offset, statement in
                    try run(statement, index: offset + 1, deadline: deadline, countChanges: false, in: db)
                }
            }
        }
    }

    /// Runs the statements of `sql` one at a time, outside any implicit transaction, so each one sees
    /// the schema its predecessors made; reports the rows each changed.
    public func write(_ sql: String, in writer: any DatabaseWriter) throws -> [ReadOnlySQLResult] {
        try writer.writeWithoutTransaction { db in
            let deadline = ReadOnlySQLDeadline(seconds: timeout)
            return try deadline.enforce(on: db) {
                var results: [ReadOnlySQLResult] = []
                let cursor = try db.allStatements(sql: sql)
                while let statement = try Self.next(cursor, index: results.count + 1) {
                    results.append(try run(statement, index: results.count + 1, deadline: deadline, countChanges: true, in: db))
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

    private static func next(_ cursor: SQLStatementCursor, index: Int) throws -> Statement? {
        do { return try cursor.next() } catch let error as DatabaseError {
            throw ReadOnlySQLError.failed(index: index, message: error.message ?? "\(error)")
        }
    }

    private func run(_ statement: Statement, index: Int, deadline: ReadOnlySQLDeadline, countChanges: Bool,
                     in db: Database) throws -> ReadOnlySQLResult {
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
                    result.rows.append(Array(row.databaseValues))
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
