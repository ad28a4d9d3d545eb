import Analytics
import ArgumentParser
import Foundation
import Store

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain the champions' genre and popularity predictions for a track.",
        discussion: """
            TRACK is a Spotify id or "artist - title". Prints the predicted genres (top 3) and popularity next to the real ones, then the SHAP contributions that pushed each prediction, largest first. Popularity effects are in popularity points; genre effects are in log-odds of the audio model's score for the top genre.
            """
    )

    @OptionGroup var warehouse: WarehouseOptions
    @Argument(help: "The track: Spotify id or \"artist - title\".") var track: String
    @Option(help: "Contributions to show per prediction (text output; json lists them all).") var top: Int = 6
    @Option(help: "Output format: text or json.") var format: Format = .text
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws {
        try OptionRange.check(top, 1...1_000, "--top")
    }

    func run() throws {
        try reportingErrors {
            let e = try warehouse.openReadOnly().read { try TrackExplanation.explain(track, in: $0) }
            if format == .json {
                Console.out(ResultTable.json(ExplanationDocument(e), pretty: true) + "\n")
                return
            }
            // Names from the data on one line each: a line break inside one is shown, not taken.
            let name = { (text: String) in TerminalText.visible(text) }
            var text = "\(e.artists.map(name).joined(separator: ", ")) - \(name(e.trackName)) (\(name(e.trackID)))\n\n"
            text += "genres: actual \(e.actualGenres.isEmpty ? "none" : e.actualGenres.map(name).joined(separator: ", "))"
            if e.predictedGenres.isEmpty { text += "; " + Self.noAnswer(model: e.genreModel, task: "genre") + "\n" } else {
                text += "; predicted " + e.predictedGenres.map { "\(name($0.genre)) \(String(format: "%.0f%%", $0.probability * 100))" }.joined(separator: ", ")
                text += " (\(e.genreModel ?? "?") model)\n"
            }
            text += "popularity: actual \(e.actualPopularity.map(String.init) ?? "unknown")"
            text += e.predictedPopularity.map { String(format: "; predicted %.1f (\(e.popularityModel ?? "?") model)\n", $0) } ?? "; \(Self.noAnswer(model: e.popularityModel, task: "popularity"))\n"
            if !e.popularityContributions.isEmpty {
                text += "\nwhy this popularity:\n" + e.popularityContributions.prefix(top).map { "  " + $0.sentence }.joined(separator: "\n") + "\n"
            }
            if !e.genreContributions.isEmpty {
                text += "\nwhy '\(name(e.predictedGenres[0].genre))' (audio features, log-odds):\n"
                text += e.genreContributions.prefix(top).map { "  " + $0.sentence }.joined(separator: "\n") + "\n"
            }
            Console.show(text)
        }
    }

    /// Why a task has no answer: no champion, or a champion with nothing of this track's to stand on.
    static func noAnswer(model: String?, task: String) -> String {
        model == Predictor.noEvidence ? "no \(task) answer: no evidence (no audio features, and nothing the model knows of its artists, album or title)"
            : "no \(task) model trained"
    }
}
