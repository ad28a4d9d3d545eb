import Dispatch
import GRDB
import GRDBSQLite

/// A wall-clock limit on one connection, enforced by SQLite's progress handler: every few thousand
/// virtual-machine steps SQLite asks whether to go on, so even a runaway recursive CTE stops.
final class ReadOnlySQLDeadline {
    private let end: UInt64
    private(set) var wasHit = false

    init(seconds: Double) {
        // Capped at ~30 years so the nanosecond count cannot overflow.
        end = DispatchTime.now().uptimeNanoseconds &+ UInt64(min(max(0, seconds), 1e9) * 1e9)
    }

    /// Runs `body` with the limit installed on `db`'s connection and removes it afterwards.
    func enforce<T>(on db: Database, _ body: () throws -> T) rethrows -> T {
        let connection = db.sqliteConnection
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(connection, 1000, { context in
            let deadline = Unmanaged<ReadOnlySQLDeadline>.fromOpaque(context!).takeUnretainedValue()
            guard DispatchTime.now().uptimeNanoseconds >= deadline.end else { return 0 }
            deadline.wasHit = true
            return 1
        }, context)
        defer { sqlite3_progress_handler(connection, 0, nil, nil) }
        return try withExtendedLifetime(self) { try body() }
    }
}
