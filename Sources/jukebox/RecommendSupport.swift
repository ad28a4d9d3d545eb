import GRDB
import Store

// What `jukebox recommend` (being rewritten apart) still passes as a `Database`. Delete this file once it reads
// through `Warehouse.read` like the other commands.

extension NameChoices {
    static func listing<T>(in db: Database, _ body: () throws -> T) throws -> T {
        try listing(in: WarehouseReader(db), body)
    }
}
