import Analytics
import ArgumentParser
import Foundation
import Store

struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Score a CSV dump with the champion models, without loading it.",
        discussion: """
            The file is read exactly as `jukebox ingest` would read it, and nothing is stored. For each track the champions give the top-3 genres and a popularity. A track whose artists the warehouse knows is scored by the `full` champions (audio plus artist and album history); otherwise by the `audio` champions. A track without audio features is scored only from what the warehouse knows of its artists, album and title ("relations"), and gets no answer ("no evidence") when it knows none of its artists. The genre_model and popularity_model columns say what each answer stands on. Beside the answer, also_tagged names the track's tags in genre vocabularies the champion did not learn (the file's own, and the warehouse's for the same track or song) and artist_genres its lead artist's genres, each labelled with its vocabulary: evidence, not classes.
            """
    )

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("CSV files to score.", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one CSV file to score") }
    }

    func run() throws {
        try reportingErrors {
            let (scored, untrained) = try warehouse.openReadOnly().read { try FilePrediction.score(files, in: $0) }
            for task in untrained {
                let name = task.rawValue
                Console.message("jukebox: note: no \(name) model has been trained yet: the \(name) columns are empty; run `jukebox train \(name)`")
            }
            var rows: [[Cell]] = []
            for file in scored {
                if let first = file.rejects.first {
                    Console.message("\(file.file): \(file.rejects.count) row(s) could not be read and were skipped (first: line \(first.lineNumber): \(first.reason))")
                }
                for row in file.rows {
                    let answer = row.answer, g = answer.genres
                    func genre(_ i: Int) -> Cell { i < g.count ? .text(g[i].genre) : .null }
                    func probability(_ i: Int) -> Cell { i < g.count ? .double(g[i].probability) : .null }
                    rows.append([.text(answer.trackID), .text(answer.trackName), .text(answer.artists.joined(separator: ";")),
                                 genre(0), probability(0), genre(1), probability(1), genre(2), probability(2),
                                 Cell(answer.popularity), Cell(answer.genreModel), Cell(answer.popularityModel),
                                 Cell(row.evidence.trackTagsText), Cell(row.evidence.artistGenresText)])
                }
            }
            let table = ResultTable(
                columns: ["track_id", "track_name", "artists", "predicted_genre", "genre_probability", "second_genre",
                          "second_probability", "third_genre", "third_probability", "predicted_popularity", "genre_model", "popularity_model",
                          "also_tagged", "artist_genres"],
                rows: rows)
            table.write(output, defaultColumns: ["track_name", "artists", "predicted_genre", "genre_probability", "predicted_popularity",
                                                 "genre_model"])
        }
    }
}
