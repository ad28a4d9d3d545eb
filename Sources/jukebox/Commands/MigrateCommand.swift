import ArgumentParser
import Store

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations (every command also does this first).",
        discussion: "The migrations are compiled into the binary from migrations/*.sql; each is applied once, in order, in its own transaction."
    )

    @OptionGroup var warehouse: WarehouseOptions

    @Flag(help: "List applied and pending migrations without applying any.")
    var status = false

    func run() throws {
        try reportingErrors {
            if status {
                let statuses = try StatusReader.read(path: warehouse.path)
                let table = ResultTable(
                    columns: ["migration", "status", "applied_at"],
                    rows: statuses.map { [.text($0.migration.fileName), .text($0.isApplied ? "applied" : "pending"), Cell($0.appliedAt)] })
                Console.out(table.render(.table))
            } else {
                let applied = try Migrator().migrateFile(path: warehouse.path)
                if applied.isEmpty {
                    Console.show("\(warehouse.path) is up to date (\(Migrator().migrations.count) migrations applied).\n")
                } else {
                    for migration in applied { Console.show("applied \(migration.fileName)\n") }
                }
            }
        }
    }
}

/// `migrate --status` must not change the database, so it reads without migrating.
private enum StatusReader {
    static func read(path: String) throws -> [Migrator.Status] {
        try Migrator().statusOfFile(path: path)
    }
}
