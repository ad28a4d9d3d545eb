import GRDB

/// One read of the warehouse: a consistent, read-only snapshot. Read paths receive one (from `Warehouse.read`)
/// and hand it to the Store and Analytics functions that answer. Only the modules that write SQL (Store, Ingest,
/// Analytics: `@_spi(WarehouseSQL) import Store`) see its connection, so the web app and the CLI cannot reach SQL.
public struct WarehouseReader {
    @_spi(WarehouseSQL) public let db: Database

    @_spi(WarehouseSQL) public init(_ db: Database) {
        self.db = db
    }
}

extension Warehouse {
    /// Runs `body` on one read-only snapshot of the warehouse.
    public func read<T>(_ body: (WarehouseReader) throws -> T) throws -> T {
        try pool.read { try body(WarehouseReader($0)) }
    }

    /// The same without holding a thread while it waits for a connection (the web app).
    public func read<T: Sendable>(_ body: @escaping @Sendable (WarehouseReader) throws -> T) async throws -> T {
        try await pool.read { try body(WarehouseReader($0)) }
    }
}
