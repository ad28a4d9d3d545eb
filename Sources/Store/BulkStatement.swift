import GRDB
import GRDBSQLite

/// A prepared statement for hot loops (bulk loading): binds values straight into SQLite, without
/// building an arguments array per row. Only for use inside the `Database` access it was made in.
public final class BulkStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private var index: Int32 = 0
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    @_spi(WarehouseSQL) public init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
    }

    @discardableResult
    public func bind(_ value: Int?) -> Self {
        index += 1
        if let value { sqlite3_bind_int64(handle, index, Int64(value)) } else { sqlite3_bind_null(handle, index) }
        return self
    }

    @discardableResult
    public func bind(_ value: Int64) -> Self {
        index += 1
        sqlite3_bind_int64(handle, index, value)
        return self
    }

    @discardableResult
    public func bind(_ value: Double?) -> Self {
        index += 1
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
        return self
    }

    @discardableResult
    public func bind(_ value: Bool?) -> Self {
        bind(value.map { $0 ? 1 : 0 } as Int?)
    }

    @discardableResult
    public func bind(_ value: String?) -> Self {
        index += 1
        if let value {
            // Native strings are stored NUL-terminated, so this does not copy.
            _ = value.withCString { sqlite3_bind_text(handle, index, $0, -1, Self.transient) }
        } else {
            sqlite3_bind_null(handle, index)
        }
        return self
    }

    /// Runs the statement with the bound values; returns the number of rows it changed.
    @discardableResult
    public func run() throws -> Int {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            index = 0
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            let database = sqlite3_db_handle(handle)
            let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? "error \(code)"
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        return Int(sqlite3_changes(sqlite3_db_handle(handle)))
    }
}
