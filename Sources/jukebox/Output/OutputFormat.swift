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

    var resolved: OutputFormat {
        format ?? (isatty(STDOUT_FILENO) != 0 ? .table : .csv)
    }
}

/// One value of a result table, typed so JSON keeps numbers as numbers.
enum Cell: Equatable {
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

    var jsonValue: Any {
        switch self {
        case let .int(value): return value
        case let .double(value): return value.isFinite ? value : NSNull()
        case let .text(value): return value
        case .null: return NSNull()
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
    var jsonObjects: [[String: Any]] {
        let keys = UniqueColumnNames.keys(for: columns)
        return rows.map { object($0, keys: keys) }
    }

    private func object(_ row: [Cell], keys: [String]) -> [String: Any] {
        Dictionary(uniqueKeysWithValues: zip(keys, row.map(\.jsonValue)))
    }

    static func json(_ value: Any, pretty: Bool) -> String {
        var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { options.insert(.prettyPrinted) }
        guard let data = try? JSONSerialization.data(withJSONObject: value, options: options) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    private func renderCSV() -> String {
        CSVWriter().table(columns: columns, rows: rows.map { $0.map(\.plain) })
    }

    private func renderTable() -> String {
        let maxWidth = 60
        func clip(_ text: String) -> String {
            let flat = text.replacingOccurrences(of: "\n", with: " ")
            return DisplayWidth.of(flat) > maxWidth ? DisplayWidth.prefix(flat, columns: maxWidth - 1) + "…" : flat
        }
        let body = rows.map { $0.map { clip($0.plain) } }
        var widths = columns.map(DisplayWidth.of)
        for row in body { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(cell)) } }
        let numeric = columns.indices.map { i in rows.allSatisfy { if case .text = $0[i] { return false } else { return true } } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - DisplayWidth.of(cell))
                return numeric[i] ? pad + cell : cell + pad
            }.joined(separator: "  ").replacing(/\ +$/, with: "") + "\n"
        }
        var out = line(columns)
        out += line(widths.map { String(repeating: "-", count: $0) })
        for row in body { out += line(row) }
        return out
    }
}
