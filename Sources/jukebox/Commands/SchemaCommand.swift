import ArgumentParser
import Foundation
import Store

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "List the warehouse's tables and views with their columns and what each holds.",
        discussion: "csv has one row per column; json an array of {name, kind, description, columns}."
    )

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let catalog = try reportingErrors {
            try warehouse.openReadOnly().read { try SchemaCatalog.fetch($0) }
        }
        switch output.resolved {
        case .table:
            Console.show(catalog.entries.map(Self.block).joined(separator: "\n"))
        case .csv:
            let rows = catalog.entries.flatMap { entry in
                entry.columns.map { column -> [Cell] in
                    [.text(entry.name), .text(entry.kind), .text(column.name), .text(column.type),
                     .int(column.notNull ? 1 : 0), .int(column.primaryKey ? 1 : 0), .text(entry.description)]
                }
            }
            Console.out(ResultTable(columns: ["object", "kind", "column", "type", "not_null", "primary_key", "description"],
                                    rows: rows).render(.csv))
        case .json:
            Console.out(ResultTable.json(catalog.entries.map(Self.object), pretty: true) + "\n")
        case .ndjson:
            Console.out(catalog.entries.map { ResultTable.json(Self.object($0), pretty: false) + "\n" }.joined())
        }
    }

    private static func block(_ entry: SchemaCatalog.Entry) -> String {
        var text = "\(entry.name) (\(entry.kind))" + (entry.description.isEmpty ? "" : ": \(entry.description)") + "\n"
        func type(_ column: SchemaCatalog.Column) -> String { column.type.isEmpty ? "(any)" : column.type }
        let nameWidth = entry.columns.map(\.name.count).max() ?? 0
        let typeWidth = entry.columns.map { type($0).count }.max() ?? 0
        for column in entry.columns {
            let notes = (column.primaryKey ? ["primary key"] : []) + (column.notNull ? ["not null"] : [])
            let line = "  " + column.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                + type(column).padding(toLength: typeWidth, withPad: " ", startingAt: 0) + "  " + notes.joined(separator: ", ")
            text += line.replacing(/\ +$/, with: "") + "\n"
        }
        return text
    }

    /// One table or view as `--format json` prints it.
    private struct Object: Encodable {
        struct Column: Encodable {
            var name: String
            var type: String
            var notNull: Bool
            var primaryKey: Bool

            enum CodingKeys: String, CodingKey { case name, type, notNull = "not_null", primaryKey = "primary_key" }
        }

        var name: String
        var kind: String
        var description: String
        var columns: [Column]
    }

    private static func object(_ entry: SchemaCatalog.Entry) -> Object {
        Object(name: entry.name, kind: entry.kind, description: entry.description,
               columns: entry.columns.map { Object.Column(name: $0.name, type: $0.type, notNull: $0.notNull, primaryKey: $0.primaryKey) })
    }
}
