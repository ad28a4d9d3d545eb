import ArgumentParser
import Store

struct RejectsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rejects",
        abstract: "List rows that could not be loaded, with their line number and reason."
    )

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Only rows of this ingest (see `jukebox ingests`).", valueName: "id"))
    var ingest: Int64?

    @Option(help: "At most this many rows.")
    var limit: Int?

    func validate() throws {
        try OptionRange.check(ingest, 1...Int64.max, "--ingest")
        try OptionRange.check(limit, 1...10_000_000, "--limit")
    }

    func run() throws {
        let rejects = try reportingErrors {
            try warehouse.openReadOnly().read { reader in
                if let ingest, try IngestLog.entry(reader, id: ingest) == nil { throw CLIError.noIngest(ingest) }
                return try RejectEntry.fetch(reader, ingestID: ingest, limit: limit)
            }
        }
        if rejects.isEmpty { Console.message("no rejected rows" + (ingest.map { " in ingest \($0)" } ?? "")) }
        let table = ResultTable(
            columns: ["ingest_id", "file_name", "line_number", "reason", "raw_line"],
            rows: rejects.map { [.int(Int($0.ingestID)), .text($0.fileName), .int($0.lineNumber), .text($0.reason), .text($0.rawLine)] })
        table.write(output, defaultColumns: ["ingest_id", "line_number", "reason", "raw_line"])
    }
}
