import Analytics
import GRDB
import Store

// What the Recommend pages (being rewritten apart) still read through a `Database`. Delete this file once they
// go through `WebServices.withReader` and Analytics like the other pages.

extension WebServices {
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await warehouse.read { try body($0.db) }
    }
}

enum DataStamp {
    static func read(_ db: Database) throws -> String { try WarehouseStamp.read(db) }
}

extension TrackRef {
    /// Names and artists of the given tracks, keyed by id.
    static func fetch(_ db: Database, ids: [String]) throws -> [String: TrackRef] { try fetch(WarehouseReader(db), ids: ids) }
}
