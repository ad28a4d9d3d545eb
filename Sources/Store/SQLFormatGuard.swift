import GRDB
import GRDBSQLite

/// SQLite's `printf`/`format` repeat a character for `%.*c` one append at a time, without looking at the time
/// limit or the interrupt flag: `printf('%.*c', 2147483647, 'x')` ran for 18 s past a 2 s limit. Every warehouse
/// connection replaces these two names with a check of each width and precision against the connection's value
/// limit (`ReadOnlySQL.maxValueBytes` while user SQL runs), before any byte is built, which then hands the call to
/// SQLite's own `printf` on a private in-memory connection. (A replaced built-in cannot be put back: SQLite then
/// reports the name as having no implementation, so the check stays installed.)
enum SQLFormatGuard {
    static let names = ["printf", "format"]

    static func install(on db: Database) {
        // The connection outlives its functions; the pointer is only read, to ask SQLite for the current limit.
        nonisolated(unsafe) let handle = db.sqliteConnection
        for name in names {
            db.add(function: DatabaseFunction(name, argumentCount: nil, pure: true) { values in
                let maxBytes = Int(sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, -1))
                try check(values, maxBytes: maxBytes)
                return try evaluate(values, maxBytes: maxBytes)
            })
        }
    }

    /// Refuses a width or precision (written in the format or given by `*`) above `maxBytes`.
    static func check(_ values: [DatabaseValue], maxBytes: Int) throws {
        guard let format = String.fromDatabaseValue(values.first ?? .null) else { return }
        let bytes = Array(format.utf8)
        var next = 1, i = 0
        func number() -> Int {
            var value = 0
            while i < bytes.count, (48...57).contains(bytes[i]) {
                value = min(value * 10 + Int(bytes[i] - 48), Int(Int32.max) * 2)
                i += 1
            }
            return value
        }
        // A `*` takes the next argument as an integer, as SQLite reads it (text and reals convert).
        func star() -> Int {
            defer { next += 1 }
            guard next < values.count else { return 0 }
            switch values[next].storage {
            case let .int64(n): return n == .min ? Int.max : Int(n.magnitude)
            case let .double(x): return x.isFinite ? Int(min(abs(x), 1e15)) : 0
            case let .string(text):
                let digits = text.trimmingPrefix(while: { $0 == " " || $0 == "-" || $0 == "+" }).prefix(while: \.isNumber)
                return Int(digits.prefix(15)) ?? (digits.isEmpty ? 0 : Int.max)
            default: return 0
            }
        }
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "%") else { i += 1; continue }
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "%") { i += 1; continue }
            while i < bytes.count, "-+ #0!,".utf8.contains(bytes[i]) { i += 1 }
            var width = 0, precision = 0
            if i < bytes.count, bytes[i] == UInt8(ascii: "*") { i += 1; width = star() } else { width = number() }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "*") { i += 1; precision = star() } else { precision = number() }
            }
            while i < bytes.count, bytes[i] == UInt8(ascii: "l") { i += 1 }
            if i < bytes.count { i += 1; next += 1 }  // the conversion and its argument
            if width > maxBytes || precision > maxBytes {
                throw DatabaseError(resultCode: .SQLITE_TOOBIG,
                                    message: "printf width or precision \(max(width, precision)) is over the limit of \(maxBytes) bytes for one value")
            }
        }
    }

    /// SQLite's own printf, on a connection of its own that has no guard installed.
    private static func evaluate(_ values: [DatabaseValue], maxBytes: Int) throws -> DatabaseValue {
        try evaluator.inDatabase { db in
            sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_LENGTH, Int32(clamping: maxBytes))
            let placeholders = Array(repeating: "?", count: values.count).joined(separator: ", ")
            return try DatabaseValue.fetchOne(db, sql: "SELECT printf(\(placeholders))", arguments: StatementArguments(values)) ?? .null
        }
    }

    private static let evaluator: DatabaseQueue = try! DatabaseQueue()
}
