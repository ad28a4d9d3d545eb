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

    /// Opens and migrates a warehouse that must already exist: for commands that only read,
    /// so a mistyped path is an error instead of a new, empty warehouse.
    func openExisting() throws -> Warehouse {
        try requireExisting()
        return try Warehouse.open(path: path)
    }

    /// Opens an existing, fully migrated warehouse through a read-only connection.
    func openReadOnly() throws -> Warehouse {
        try requireExisting()
        return try Warehouse.openReadOnly(path: path)
    }

    private func requireExisting() throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError.noWarehouse(path: path, fromOption: db?.isEmpty == false)
        }
    }
}

/// Library errors become one-line CLI errors here, in one place, with exit status 1.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as LocalizedError {
        Console.message("jukebox: error: " + (error.errorDescription ?? "\(error)"))
        throw ExitCode.failure
    } catch {
        Console.message("jukebox: error: \(error)")
        throw ExitCode.failure
    }
}
