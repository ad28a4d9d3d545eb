import GRDB

/// One write of the warehouse: a single transaction, committed when the body returns and rolled back when it
/// throws. Write paths receive one (from `Warehouse.write`); it can also read (`reader`), seeing its own changes.
public struct WarehouseWriter {
    @_spi(WarehouseSQL) public let db: Database

    @_spi(WarehouseSQL) public init(_ db: Database) {
        self.db = db
    }

    /// The same transaction, for the read functions: what it reads includes what this writer wrote.
    public var reader: WarehouseReader { WarehouseReader(db) }
}

extension Warehouse {
    /// Runs `body` in one write transaction (waiting up to `busyTimeout` for another writer).
    public func write<T>(_ body: (WarehouseWriter) throws -> T) throws -> T {
        try pool.write { try body(WarehouseWriter($0)) }
    }
}
