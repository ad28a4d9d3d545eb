import ArgumentParser
import Core
import Foundation

/// The one output option every listing command shares.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, ndjson
}

struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, csv, json or ndjson. Default: table on a terminal, csv when piped.")
    var format: OutputFormat?

    @Flag(help: "In a table, every column (some commands show fewer by default), with rows unwrapped.")
    var wide = false

    var resolved: OutputFormat {
        format ?? (isatty(STDOUT_FILENO) != 0 ? .table : .csv)
    }
}

/// One value of a result table, typed so JSON keeps numbers as numbers.
enum Cell: Equatable, Encodable {
    case int(Int)
    case double(Double)
    case text(String)
    case null

    init(_ value: Int?) { self = value.map(Cell.int) ?? .null }
    init(_ value: Double?) { self = value.map(Cell.double) ?? .null }
    init(_ value: String?) { self = value.map(Cell.text) ?? .null }

    var plain: String {
        switch self {
        case let .int(value): return String(value)
        case let .double(value): return value.rounded() == value && abs(value) < 1e15 ? String(format: "%.1f", value) : String(value)
        case let .text(value): return value
        case .null: return ""
        }
    }

    /// A number JSON cannot hold (NaN, infinity) is null.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .int(value): try container.encode(value)
        case let .double(value) where value.isFinite: try container.encode(value)
        case let .text(value): try container.encode(value)
        case .double, .null: try container.encodeNil()
        }
    }
}

/// Column names plus rows, rendered in any `OutputFormat`.
struct ResultTable {
    var columns: [String]
    var rows: [[Cell]]

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .table: return renderTable()
        case .csv: return renderCSV()
        case .json: return Self.json(jsonObjects, pretty: true) + "\n"
        case .ndjson: return jsonObjects.map { Self.json($0, pretty: false) + "\n" }.joined()
        }
    }

    /// The rows as JSON objects keyed by column name; columns named alike get keys of their own (`UniqueColumnNames`).
    var jsonObjects: [[String: Cell]] {
        let keys = UniqueColumnNames.keys(for: columns)
        return rows.map { Dictionary(uniqueKeysWithValues: zip(keys, $0)) }
    }

    /// Every JSON document Jukebox prints: keys sorted, slashes as they are.
    static func json<T: Encodable>(_ value: T, pretty: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    private func renderCSV() -> String {
        CSVWriter().table(columns: columns, rows: rows.map { $0.map(\.plain) })
    }

    /// For reading: fits `TextTable.readingWidth` columns, wrapping rather than cutting.
    private func renderTable() -> String {
        TextTable(columns: columns, rows: rows).render(width: TextTable.readingWidth)
    }
}
