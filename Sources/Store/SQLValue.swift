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

extension SQLValue {
    /// A blob as SQL writes it literally, `x'00ff'`: two hex digits a byte, written into one buffer, so a 10 MB
    /// blob takes milliseconds (a formatted string a byte took seconds). With `maxBytes`, the first bytes and `…`.
    public static func hexLiteral(_ data: Data, maxBytes: Int = .max) -> String {
        let digits = Array("0123456789abcdef".utf8)
        let shown = data.prefix(max(0, maxBytes))
        var text: [UInt8] = [UInt8(ascii: "x"), UInt8(ascii: "'")]
        text.reserveCapacity(shown.count * 2 + 6)
        for byte in shown {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        if shown.count < data.count { text += Array("…".utf8) }
        text.append(UInt8(ascii: "'"))
        return String(decoding: text, as: UTF8.self)
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
