import GRDB
@_spi(WarehouseSQL) import Store

extension AudioSpace {
    /// The one `space:` closure for the engine: reads the space on first use and hands the same one after, so several
    /// answers in one read (playlists in one run, the write-back, the report) share one load.
    static func once(_ db: Database) -> () throws -> AudioSpace {
        var loaded: AudioSpace?
        return {
            if let loaded { return loaded }
            let space = try read(db)
            loaded = space
            return space
        }
    }

    public static func once(_ reader: WarehouseReader) -> () throws -> AudioSpace { once(reader.db) }

    public static func load(_ reader: WarehouseReader) throws -> AudioSpace { try read(reader.db) }
}
