import Core
import Store

/// What the SQL console gives back, for the page, the CSV download and the JSON API.
struct SQLConsoleResult: Encodable, Sendable {
    enum Cell: Encodable, Sendable {
        case null, int(Int64), double(Double), text(String)

        init(_ value: SQLValue) {
            switch value {
            case .null: self = .null
            case let .int(n): self = .int(n)
            case let .double(x): self = .double(x)
            case let .text(s): self = .text(s)
            case let .blob(data): self = .text(SQLValue.hexLiteral(data, maxBytes: 64))
            }
        }

        var text: String {
            switch self {
            case .null: ""
            case let .int(n): String(n)
            case let .double(x): String(x)
            case let .text(s): s
            }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case let .int(n): try container.encode(n)
            case let .double(x): try container.encode(x)
            case let .text(s): try container.encode(s)
            }
        }
    }

    struct Statement: Encodable, Sendable {
        var index: Int
        var columns: [String]
        var rows: [[Cell]]
        var truncated: Bool
        var cutAtByteCap: Bool
    }

    var sql: String
    var timeoutSeconds: Double
    var maxRows: Int
    var statements: [Statement]

    init(sql: String, guardrails: ReadOnlySQL, results: [ReadOnlySQLResult]) {
        self.sql = sql
        timeoutSeconds = guardrails.timeout
        maxRows = guardrails.maxRows
        statements = results.map { Statement(index: $0.index, columns: $0.columns, rows: $0.values.map { $0.map(Cell.init) }, truncated: $0.truncated, cutAtByteCap: $0.cutAtByteCap) }
    }

    /// RFC 4180 CSV of every statement that returned columns, separated by a blank line; formulas guarded for spreadsheets.
    var csv: String {
        let writer = CSVWriter(guardsFormulas: true, lineEnd: "\r\n")
        return statements.filter { !$0.columns.isEmpty }
            .map { writer.table(columns: $0.columns, rows: $0.rows.map { $0.map(\.text) }) }
            .joined(separator: "\r\n")
    }
}
