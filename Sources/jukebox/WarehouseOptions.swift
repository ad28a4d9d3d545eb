import ArgumentParser
import Foundation
import Store

/// `--db PATH`, shared by every command that opens the warehouse.
struct WarehouseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The warehouse file.", discussion: "Default: $JUKEBOX_DB, else jukebox.sqlite in the current folder.",
        valueName: "path"))
    var db: String?

    var path: String {
        DatabaseLocation.resolve(option: db, environment: ProcessInfo.processInfo.environment)
    }

    /// Opens and migrates the warehouse, creating it when the file does not exist: for commands that write.
    func open() throws -> Warehouse {
        try Warehouse.open(path: path)
    }

    /// Opens an existing, fully migrated warehouse through a read-only connection: for every command that only
    /// reads, so a mistyped path is an error instead of a new, empty warehouse, and a warehouse the user may not
    /// write still reads. It migrates nothing (one that needs it says to run `jukebox migrate`) and writes nothing.
    func openReadOnly() throws -> Warehouse {
        try requireExisting()
        let warehouse = try Warehouse.openReadOnly(path: path)
        if warehouse.isImmutable {
            Console.message("jukebox: note: the folder of \(path) is not writable and no writer has it open: reading it as immutable")
        }
        return warehouse
    }

    private func requireExisting() throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError.noWarehouse(path: path, fromOption: db?.isEmpty == false)
        }
    }
}

extension ExitCode {
    /// EX_TEMPFAIL: another run holds the warehouse's lock; nothing was done, try again later.
    static let busy = ExitCode(75)
}

/// Library errors become one-line CLI errors here, in one place: exit status 75 when another run is busy (so cron
/// can tell busy from broken), else 1. (Usage errors exit 64, from the argument parser.)
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as StoreError where error.isBusy {
        Console.message("jukebox: busy: " + (error.errorDescription ?? "\(error)"))
        throw ExitCode.busy
    } catch let error as LocalizedError {
        Console.message("jukebox: error: " + (error.errorDescription ?? "\(error)"))
        throw ExitCode.failure
    } catch {
        Console.message("jukebox: error: \(error)")
        throw ExitCode.failure
    }
}
