import Foundation

/// Page data computed from the warehouse, kept until the data changes (a new ingest or champion).
/// Values are computed outside the lock, so a slow page never blocks another.
final class PageCache: @unchecked Sendable {
    private let lock = NSLock()
    private var stamp = ""
    private var entries: [String: any Sendable] = [:]

    func value<T: Sendable>(_ key: String, stamp current: String, compute: () throws -> T) rethrows -> T {
        lock.lock()
        if stamp != current {
            stamp = current
            entries = [:]
        }
        let hit = entries[key] as? T
        lock.unlock()
        if let hit { return hit }
        let value = try compute()
        lock.lock()
        if stamp == current { entries[key] = value }
        lock.unlock()
        return value
    }
}
