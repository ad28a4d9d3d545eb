import GRDB
import GRDBSQLite

/// Reads a query's rows straight from SQLite into flat arrays: an integer key, then `columns` numbers (NULL as NaN).
/// For scans of every track where building a `Row` and a Swift value per cell costs more than SQLite's reading
/// (a recommendation's audio evidence over 100,000 tracks).
public enum NumericScan {
    @_spi(WarehouseSQL) public static func read(_ db: Database, sql: String, arguments: StatementArguments = [], columns: Int) throws
        -> (keys: [Int64], values: [Double]) {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var keys: [Int64] = [], values: [Double] = []
        keys.reserveCapacity(1 << 14); values.reserveCapacity(columns << 14)
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
                // NULL reads as 0.0, so only a zero needs its type asked (a call per cell is a tenth of the scan).
                let value = sqlite3_column_double(handle, c)
                values.append(value == 0 && sqlite3_column_type(handle, c) == SQLITE_NULL ? .nan : value)
            }
        }
        return (keys, values)
    }
}
