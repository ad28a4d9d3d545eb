import ArgumentParser
import Foundation
import Store
import Web

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report: overview, genres, popularity and clusters.",
        discussion: "The file has its charts as inline SVG and its styles inline; it loads nothing and runs no script."
    )

    @OptionGroup var warehouse: WarehouseOptions

    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "path"))
    var out: String = "report.html"

    func run() throws {
        try reportingErrors {
            let store = try warehouse.openReadOnly()
            let html = try WebReport.render(warehouse: store)
            try Data(html.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            Console.message("jukebox: wrote \(out) (\(Console.grouped(html.utf8.count)) bytes)")
        }
    }
}
