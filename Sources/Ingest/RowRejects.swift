import GRDB
@_spi(WarehouseSQL) import Store

/// The one rule for a row a loader cannot load, whatever the file: it is counted; under --strict its first errors
/// are kept for the refusal (nothing is written: the run rolls back and leaves no trace); otherwise it goes to
/// `rejects` with its line number and raw text, so nothing is silently dropped.
struct RowRejects {
    let ingestID: Int64
    let strict: Bool
    let strictErrorLimit: Int
    /// Under --strict: the first errors, "line N: reason".
    private(set) var strictErrors: [String] = []
    /// Prepared at the first reject, inside the run's transaction (a file of many bad rows stays fast).
    private var insert: BulkStatement?

    init(ingestID: Int64, options: IngestOptions) {
        self.ingestID = ingestID
        strict = options.strict
        strictErrorLimit = options.strictErrorLimit
    }

    mutating func add(_ db: Database, lineNumber: Int, rawLine: String, reason: String, to report: inout IngestReport) throws {
        report.rowsRejected += 1
        if strict {
            if strictErrors.count < strictErrorLimit { strictErrors.append("line \(lineNumber): \(reason)") }
        } else {
            if insert == nil {
                insert = try BulkStatement(db, sql: "INSERT INTO rejects (ingest_id, line_number, raw_line, reason) VALUES (?, ?, ?, ?)")
            }
            try insert!.bind(ingestID).bind(lineNumber).bind(rawLine).bind(reason).run()
        }
    }
}
