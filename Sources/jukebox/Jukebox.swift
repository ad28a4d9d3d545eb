import ArgumentParser
import Foundation

@main
struct Jukebox: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jukebox",
        abstract: "A SQLite music analytics warehouse for Spotify track dumps, playlists and listening histories.",
        discussion: """
            Load track dumps, playlist exports (Exportify), artist lists, Million Playlist Dataset slices and Spotify listening histories with `jukebox ingest FILE...`, see what is loaded with `jukebox stats`, train models with `jukebox train`, and query the warehouse with `jukebox sql` (tables and views: `jukebox schema`) or any SQLite client. The warehouse is --db PATH, else $JUKEBOX_DB, else ./jukebox.sqlite.
            """,
        version: "0.1.0",
        subcommands: [TourCommand.self, IngestCommand.self, StatsCommand.self, IngestsCommand.self, RejectsCommand.self, MigrateCommand.self, TrainCommand.self, ModelsCommand.self, PredictCommand.self, RetrainCommand.self, RecommendCommand.self, ExplainCommand.self, SQLCommand.self, SchemaCommand.self, TrendsCommand.self, PlaylistCommand.self,
                      ServeCommand.self, ReportCommand.self]
    )

    /// A mistyped command word is answered before parsing (a usage error naming the nearest commands, exit 64).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let problem = CommandSuggestion.problem(in: arguments, root: Jukebox.self) {
            Console.message("jukebox: error: " + problem)
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        main(arguments)
    }
}
