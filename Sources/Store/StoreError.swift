import Foundation

/// Everything the warehouse layer can refuse, with messages a user can act on.
public enum StoreError: Error, Equatable, LocalizedError {

    case cannotOpen(path: String, reason: String)
    case badMigrationFileName(String)
    case migrationChanged(fileName: String, appliedChecksum: String, currentChecksum: String)
    case databaseFromNewerJukebox(unknownMigrations: [String])
    case migrationFailed(fileName: String, reason: String)
    case pendingMigrations([String])
    /// Another run holds the warehouse's lock for this kind of run (`jukebox` exits 75 for it).
    case runBusy(run: String, path: String, holder: RunLock.Holder)
    /// The lock file is a symbolic link or not a regular file: Jukebox neither follows nor writes it.
    case unsafeLock(path: String, reason: String)
    case cannotLock(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .cannotOpen(path, reason):
            return "cannot open the warehouse at \(path): \(reason)"
        case let .badMigrationFileName(name):
            return "migration file \(name) is not named NNNN_verb_object.sql"
        case let .migrationChanged(fileName, applied, current):
            return "migration \(fileName) was changed after it was applied to this database "
                + "(applied checksum \(applied.prefix(12)), now \(current.prefix(12))). "
                + "Applied migrations are never altered: restore the file and add a new migration instead."
        case let .databaseFromNewerJukebox(unknown):
            return "this database was written by a newer Jukebox: it has applied migration(s) "
                + unknown.joined(separator: ", ") + " that this binary does not know. Upgrade jukebox to use it."
        case let .migrationFailed(fileName, reason):
            return "migration \(fileName) failed and was rolled back: \(reason)"
        case let .pendingMigrations(names):
            return "the database needs migration(s) \(names.joined(separator: ", ")); run `jukebox migrate` first"
        case let .runBusy(run, path, holder):
            let since = holder.since.map { ", since \($0)" } ?? ""
            return "another \(run) (process \(holder.processID ?? "unknown")\(since)) holds \(path); try again when it has finished"
        case let .unsafeLock(path, reason):
            return "refusing the lock file \(path): \(reason), which Jukebox neither follows nor writes; remove it and try again"
        case let .cannotLock(path, reason):
            return "cannot use the lock file \(path): \(reason)"
        }
    }

    /// Whether the error says another run is busy, not that something is broken.
    public var isBusy: Bool {
        if case .runBusy = self { return true }
        return false
    }
}
