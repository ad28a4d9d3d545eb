import ArgumentParser
import Store

struct IngestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingests",
        abstract: "List every ingest with its outcome and row counts."
    )

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let entries = try reportingErrors { try IngestLog.all(in: warehouse.openReadOnly()) }
        let table = ResultTable(
            columns: ["ingest_id", "file_name", "status", "started_at", "finished_at", "rows_read", "rows_accepted",
                      "rows_rejected", "rows_duplicate", "tracks_new", "tracks_updated", "popularity_conflicts", "message"],
            rows: entries.map { e in
                [.int(Int(e.ingestID)), .text(e.fileName), .text(e.status), .text(e.startedAt), Cell(e.finishedAt), .int(e.rowsRead),
                 .int(e.rowsAccepted), .int(e.rowsRejected), .int(e.rowsDuplicate), .int(e.tracksNew), .int(e.tracksUpdated),
                 .int(e.popularityConflicts), Cell(e.message)]
            })
        table.write(output, defaultColumns: ["ingest_id", "file_name", "status", "rows_read", "rows_accepted", "rows_rejected",
                                             "tracks_new", "message"])
    }
}
