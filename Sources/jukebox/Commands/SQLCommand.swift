import ArgumentParser
import Foundation
import Store

struct SQLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql",
        abstract: "Run SQL against the warehouse; read-only unless --write.",
        discussion: """
            Every statement is checked before any runs: only SELECT, WITH ... SELECT, VALUES, EXPLAIN and \
            reporting PRAGMAs (table_info, index_list, user_version, ...) are accepted, on a read-only \
            connection. Several statements may be given, separated by ';'; each result is printed in turn. \
            With several statements, --format json prints one JSON array holding one array of row objects per \
            statement (an empty one for a statement that returns no rows), and --format ndjson prints the rows \
            of all statements one after the other. `jukebox schema` lists the tables and views; v_tracks is the \
            stable one.
            """
    )

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: "The SQL to run. Read from stdin when left out.")
    var sql: String?

    @Flag(help: "Allow statements that change the warehouse; reports how many rows each changed.")
    var write = false

    @Option(help: ArgumentHelp("Stop the run when its statements together take longer than this.", valueName: "seconds"))
    var timeout: Double = 10

    @Option(help: ArgumentHelp("Print at most this many rows per statement.", valueName: "n"))
    var maxRows: Int = 10_000

    func validate() throws {
        try OptionRange.check(timeout, 0.001...86_400, "--timeout", unit: " seconds")
        try OptionRange.check(maxRows, 1...10_000_000, "--max-rows")
        if sql == nil, isatty(STDIN_FILENO) != 0 {
            throw ValidationError("give the SQL as an argument, or pipe it on stdin")
        }
    }

    func run() throws {
        let text = sql ?? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        let runner = ReadOnlySQL(timeout: timeout, maxRows: maxRows)
        let results = try reportingErrors {
            write ? try runner.write(text, in: warehouse.open())
                : try runner.read(text, in: warehouse.openReadOnly())
        }
        let format = output.resolved
        // JSON of several statements is one document: an array with one array of row objects per statement.
        let oneDocument = format == .json && results.count > 1
        var documents: [[[String: Cell]]] = []
        var printed = 0
        for result in results {
            if let changes = result.changes {
                Console.message("statement \(result.index): \(Console.grouped(changes)) row\(changes == 1 ? "" : "s") changed")
            }
            let table = ResultTable(columns: result.columns, rows: result.values.map { $0.map(Cell.init) })
            if oneDocument {
                documents.append(table.jsonObjects)
            } else if !result.columns.isEmpty {
                if printed > 0, format == .table || format == .csv { Console.out("\n") }
                Console.out(table.render(format))
                printed += 1
            }
            if result.cutAtByteCap {
                Console.message("jukebox: note: statement \(result.index)'s rows passed \(runner.maxResultBytes / 1_000_000) MB; "
                    + "printed the first \(Console.grouped(result.rows.count)) rows")
            } else if result.truncated {
                Console.message("jukebox: note: statement \(result.index) returned more than \(Console.grouped(maxRows)) rows; "
                    + "printed the first \(Console.grouped(maxRows)) (raise the cap with --max-rows)")
            }
        }
        if oneDocument { Console.out(ResultTable.json(documents, pretty: true) + "\n") }
    }
}

private extension Cell {
    init(_ value: SQLValue) {
        switch value {
        case .null: self = .null
        case let .int(number): self = .int(Int(number))
        case let .double(number): self = .double(number)
        case let .text(text): self = .text(text)
        case let .blob(data): self = .text(SQLValue.hexLiteral(data))
        }
    }
}
