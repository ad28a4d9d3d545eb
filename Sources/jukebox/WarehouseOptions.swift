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

    /// Opens and migrates the warehouse.
    func open() throws -> Warehouse {
        try Warehouse.open(path: path)
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
