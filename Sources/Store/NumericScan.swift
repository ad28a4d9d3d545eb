import GRDB
import GRDBSQLite

/// Reads a query's rows straight from SQLite into flat arrays: an integer key, then `columns` numbers (NULL as NaN).
/// For scans of every track where building a `Row` and a Swift value per cell costs more than SQLite's reading
/// (a recommendation's audio evidence over 100,000 tracks).
public enum NumericScan {
    public static func read(_ db: Database, sql: String, arguments: StatementArguments = [], columns: Int) throws
        -> (keys: [Int64], values: [Double]) {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var keys: [Int64] = [], values: [Double] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                let database = sqlite3_db_handle(handle)
                let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? "error \(code)"
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
            }
            keys.append(sqlite3_column_int64(handle, 0))
            for c in 1...Int32(columns) {
                values.append(sqlite3_column_type(handle, c) == SQLITE_NULL ? .nan : sqlite3_column_double(handle, c))
            }
        }
        return (keys, values)
    }
}
