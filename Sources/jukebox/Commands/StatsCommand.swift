import ArgumentParser
import Foundation
import Store

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count what the warehouse holds.",
        discussion: "`--format json` prints one JSON object with integer counts (tracks, artists, albums, genres, track_genres, ingests, rejects, ...)."
    )

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let stats = try reportingErrors { try warehouse.openReadOnly().read { try WarehouseStats.fetch($0) } }
        switch output.resolved {
        case .json, .ndjson:
            let object = Dictionary(uniqueKeysWithValues: stats.fields.map { ($0.0, $0.1) })
            Console.out(ResultTable.json(object, pretty: output.resolved == .json) + "\n")
        case let format:
            Console.out(ResultTable(columns: ["what", "count"], rows: stats.fields.map { [.text($0.0), .int($0.1)] }).render(format))
        }
    }
}
