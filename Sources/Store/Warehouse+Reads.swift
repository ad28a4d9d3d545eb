import GRDB

// The Store's reads that the CLI and the web app make, on a `WarehouseReader`.

extension WarehouseStats {
    public static func fetch(_ reader: WarehouseReader) throws -> WarehouseStats { try fetch(reader.db) }
}

extension SchemaCatalog {
    public static func fetch(_ reader: WarehouseReader) throws -> SchemaCatalog { try fetch(reader.db) }
}

extension RejectEntry {
    /// Rejected rows, of one ingest or of all (see `IngestLog.entry` to tell an unknown ingest from one without rejects).
    public static func fetch(_ reader: WarehouseReader, ingestID: Int64? = nil, limit: Int? = nil) throws -> [RejectEntry] {
        try fetch(reader.db, ingestID: ingestID, limit: limit)
    }
}
