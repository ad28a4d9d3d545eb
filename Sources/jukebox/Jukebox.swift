import ArgumentParser

@main
struct Jukebox: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jukebox",
        abstract: "A SQLite music analytics warehouse for Spotify track dumps.",
        discussion: """
            Load dumps with `jukebox ingest FILE...`, see what is loaded with `jukebox stats`, and query the
            warehouse with any SQLite client (the stable view is v_tracks). The warehouse is --db PATH, else
            $JUKEBOX_DB, else ./jukebox.sqlite.
            """,
        version: "0.1.0",
        subcommands: [IngestCommand.self, StatsCommand.self, IngestsCommand.self, RejectsCommand.self, MigrateCommand.self, TrainCommand.self, ModelsCommand.self, SQLCommand.self, SchemaCommand.self, TrendsCommand.self, PlaylistCommand.self]
    )
}
