import Dispatch
import Foundation
import GRDB
import GRDBSQLite

/// A wall-clock limit on one connection, enforced twice: SQLite's progress handler asks every few thousand
/// virtual-machine steps whether to go on (a runaway recursive CTE), and a watchdog timer interrupts the
/// connection at the deadline from another thread (one long function call, which takes no VM steps).
final class ReadOnlySQLDeadline: @unchecked Sendable {
    private let end: DispatchTime
    private let lock = NSLock()
    private var hit = false

    init(seconds: Double) {
        // Capped at ~30 years so the nanosecond count cannot overflow.
        end = DispatchTime(uptimeNanoseconds: DispatchTime.now().uptimeNanoseconds &+ UInt64(min(max(0, seconds), 1e9) * 1e9))
    }

    var wasHit: Bool { lock.withLock { hit } }

    /// Runs `body` with the limit installed on `db`'s connection and removes it afterwards.
    func enforce<T>(on db: Database, _ body: () throws -> T) rethrows -> T {
        let connection = db.sqliteConnection
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(connection, 1000, { context in
            let deadline = Unmanaged<ReadOnlySQLDeadline>.fromOpaque(context!).takeUnretainedValue()
            guard DispatchTime.now() >= deadline.end else { return 0 }
            deadline.lock.withLock { deadline.hit = true }
            return 1
        }, context)
        // The watchdog interrupts only while `body` runs: it and the end of `body` take the same lock.
        var running = true
        let watchdog = DispatchWorkItem { [self] in
            lock.withLock {
                guard running else { return }
                hit = true
                sqlite3_interrupt(connection)
            }
        }
        DispatchQueue.global().asyncAfter(deadline: end, execute: watchdog)
        defer {
            lock.withLock { running = false }
            watchdog.cancel()
            sqlite3_progress_handler(connection, 0, nil, nil)
        }
        return try withExtendedLifetime(self) { try body() }
    }
}
