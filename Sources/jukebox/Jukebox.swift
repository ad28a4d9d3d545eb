import ArgumentParser

@main
struct Jukebox: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jukebox",
        abstract: "A SQLite music analytics warehouse for Spotify track dumps.",
        discussion: """
            Load dumps with `jukebox ingest FILE...`, see what is loaded with `jukebox stats`, train models with `jukebox train`, and query the warehouse with `jukebox sql` (tables and views: `jukebox schema`) or any SQLite client. The warehouse is --db PATH, else $JUKEBOX_DB, else ./jukebox.sqlite.
            """,
        version: "0.1.0",
        subcommands: [TourCommand.self, IngestCommand.self, StatsCommand.self, IngestsCommand.self, RejectsCommand.self, MigrateCommand.self, TrainCommand.self, ModelsCommand.self, PredictCommand.self, RetrainCommand.self, RecommendCommand.self, ExplainCommand.self, SQLCommand.self, SchemaCommand.self, TrendsCommand.self, PlaylistCommand.self,
                      ServeCommand.self, ReportCommand.self]
    )
}
