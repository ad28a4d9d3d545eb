import Foundation
import GRDB

/// The one SQLite file that holds everything. Opening it migrates it (read-write) or checks it is
/// current (read-only: for every command that only reads, which then neither migrates nor writes). WAL mode lets a reader and a writer work at once; the busy timeout makes a
/// second writer wait instead of failing straight away.
public final class Warehouse: Sendable {
    public let path: String
    /// The connections; everything else reads through `read` and writes through `write`.
    @_spi(WarehouseSQL) public let pool: DatabasePool
    public let isReadOnly: Bool
    /// Opened with SQLite's `immutable=1`: no locks, no `-wal` or `-shm`, because no writer can exist (see `openReadOnly`).
    public let isImmutable: Bool

    public static let busyTimeout: TimeInterval = 30

    private init(path: String, pool: DatabasePool, isReadOnly: Bool, isImmutable: Bool = false) {
        self.path = path
        self.pool = pool
        self.isReadOnly = isReadOnly
        self.isImmutable = isImmutable
    }

    /// Opens (creating if needed) and migrates the warehouse.
    public static func open(path: String, migrator: Migrator = Migrator()) throws -> Warehouse {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            throw StoreError.cannotOpen(path: path, reason: "the folder \(directory) does not exist")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration(readOnly: false))
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
        try migrator.migrate(pool)
        return Warehouse(path: path, pool: pool, isReadOnly: false)
    }

    /// Opens an existing warehouse for reading only; it must be fully migrated. In a folder this process cannot
    /// write and with no `-wal` file beside it, no writer can exist (a writer would need to create one), and SQLite
    /// could not create the `-shm` file a WAL reader needs: it is opened immutable instead (`isImmutable`).
    public static func openReadOnly(path: String, migrator: Migrator = Migrator()) throws -> Warehouse {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.cannotOpen(path: path, reason: "no such file (load a dump first with `jukebox ingest FILE`)")
        }
        let immutable = noWriterCanExist(path: path)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: immutable ? immutableURI(path: path) : path, configuration: configuration(readOnly: true))
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: readOnlyFailure(error, path: path))
        }
        let pending = try pool.read { try migrator.pending($0) }
        if !pending.isEmpty { throw StoreError.pendingMigrations(pending.map(\.fileName)) }
        return Warehouse(path: path, pool: pool, isReadOnly: true, isImmutable: immutable)
    }

    /// No `-wal` beside the file and a folder this process cannot write (a backup on read-only media, a shared mount).
    static func noWriterCanExist(path: String) -> Bool {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return !FileManager.default.fileExists(atPath: path + "-wal") && access(folder.isEmpty ? "." : folder, W_OK) != 0
    }

    /// The file as an SQLite URI with `immutable=1` (the system SQLite is built with URI filenames on); the path is
    /// percent-encoded so that a `?`, `#` or `%` in it stays part of the path.
    static func immutableURI(path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// Why a read-only open failed, in words. A warehouse is in WAL mode: SQLite reads it through its `-wal` and
    /// `-shm` files, and must create them when they are missing, which a folder the user cannot write forbids.
    static func readOnlyFailure(_ error: DatabaseError, path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let companions = [path + "-wal", path + "-shm"]
        if !companions.allSatisfy(FileManager.default.fileExists(atPath:)), access(folder, W_OK) != 0 {
            return "the folder \(folder) is not writable, and reading the warehouse needs \(url.lastPathComponent)-wal and "
                + "\(url.lastPathComponent)-shm beside it (SQLite's WAL mode); make the folder writable, or copy the warehouse to one that is"
        }
        return error.message ?? "\(error)"
    }

    static func configuration(readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "jukebox"
        configuration.prepareDatabase { db in SQLFormatGuard.install(on: db) }
        return configuration
    }
}

extension Migrator {
    /// Applies pending migrations to the file at `path`, creating it if needed.
    @discardableResult
    public func migrateFile(path: String) throws -> [Migration] {
        let pool = try DatabasePool(path: path, configuration: Warehouse.configuration(readOnly: false))
        return try migrate(pool)
    }

    /// Applied and pending migrations of the file at `path`, without changing it.
    public func statusOfFile(path: String) throws -> [Status] {
        guard FileManager.default.fileExists(atPath: path) else {
            return migrations.map { Status(migration: $0, appliedAt: nil) }
        }
        let queue = try DatabaseQueue(path: path, configuration: Warehouse.configuration(readOnly: true))
        return try queue.read { try status($0) }
    }
}
