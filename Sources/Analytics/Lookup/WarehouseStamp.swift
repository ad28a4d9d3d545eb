import GRDB
import Store

/// What identifies what the warehouse holds: the newest finished ingest and the champion runs. Cheap to read;
/// page data computed from the warehouse stays valid while it is unchanged.
public enum WarehouseStamp {
    public static func read(_ db: Database) throws -> String {
        let newest = try DataVersion.read(db).newestIngestID ?? 0
        return "\(newest):" + (try ModelRuns.championRunIDs(db)).map(String.init).joined(separator: ",")
    }

    public static func read(_ reader: WarehouseReader) throws -> String { try read(reader.db) }
}
