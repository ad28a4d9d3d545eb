import Foundation
import GRDB

/// One value a SQL statement returned, as the CLI and the web console show it.
public enum SQLValue: Sendable, Equatable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case blob(Data)

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case let .int64(number): self = .int(number)
        case let .double(number): self = .double(number)
        case let .string(text): self = .text(text)
        case let .blob(data): self = .blob(data)
        }
    }
}

extension ReadOnlySQLResult {
    /// The rows' values without GRDB's types.
    public var values: [[SQLValue]] { rows.map { $0.map(SQLValue.init) } }
}

extension ReadOnlySQL {
    /// `read(_:in:)` on the warehouse's reader connections.
    public func read(_ sql: String, in warehouse: Warehouse) throws -> [ReadOnlySQLResult] {
        try read(sql, in: warehouse.pool)
    }

    /// The same without holding a thread (the web console); cancelling the calling task interrupts the query.
    public func read(_ sql: String, in warehouse: Warehouse) async throws -> [ReadOnlySQLResult] {
        try await read(sql, in: warehouse.pool as any DatabaseReader)
    }

    /// `write(_:in:)` on the warehouse's writer.
    public func write(_ sql: String, in warehouse: Warehouse) throws -> [ReadOnlySQLResult] {
        try write(sql, in: warehouse.pool)
    }
}
