import Analytics
import ArgumentParser
import Core
import Foundation
import Ingest
import Store

struct TourCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tour",
        abstract: "Load the bundled dumps, train, and show what the warehouse answers.",
        discussion: """
            The first command to run. Loads the files (default: the bundled data/spotify_tracks.csv and data/top_hits_2000_2019.csv; a file loaded before is a no-op), trains what `jukebox retrain` would (every task without a champion, or whose data moved; otherwise the champions answer the new tracks), then prints a short tour of real answers: what was loaded, each champion's holdout metric, one genre prediction with its evidence, one recommendation with its reasons, one trend, and the commands to go on with. Run it again and it reuses what is there. Training logs go to stderr with timestamps.
            """
    )

    static let bundledDumps = ["data/spotify_tracks.csv", "data/top_hits_2000_2019.csv"]

    @OptionGroup var warehouse: WarehouseOptions

    @Argument(help: ArgumentHelp("Dumps to load first (default: the bundled ones, from the repository's folder).", valueName: "file"))
    var files: [String] = []

    func run() throws {
        let files = self.files.isEmpty ? Self.bundledDumps : self.files
        if self.files.isEmpty, let missing = files.first(where: { !FileManager.default.fileExists(atPath: $0) }) {
            Console.message("jukebox: error: \(missing) not found: run `jukebox tour` from the repository's folder, or name the dumps to load")
            throw ExitCode.failure
        }
        try reportingErrors {
            let warehouse = try self.warehouse.open()
            Console.out("Jukebox tour of \(Self.line(warehouse.path))\n\nLoaded\n")
            for file in files {
                for report in try Ingester(warehouse: warehouse).ingestAll(path: file) { Console.out("  " + Self.loaded(report) + "\n") }
            }
            try train(warehouse)
            let tour = try warehouse.read { try Tour.take(in: $0) }
            Console.out(Self.render(tour, db: self.warehouse.db))
        }
    }

    /// What `retrain` does (`TrainingSession.retrain`): the log on stderr, one line per stale task here.
    private func train(_ warehouse: Warehouse) throws {
        let session = TrainingSession(runner: TrainingRunner(warehouse: warehouse)) { progress in
            if case let .line(text) = progress { Console.message("\(Timestamp.now()) \(text)") }
        }
        let report = try session.retrain()
        guard !report.staleTasks.isEmpty else {
            return Console.out("\nTraining\n  nothing to do: every champion has been trained on the newest data\n")
        }
        Console.out("\nTraining (what `jukebox retrain` does; the log is on stderr)\n")
        for outcome in report.outcomes {
            let done = outcome.run.map { "refit as run \($0.runID) in \(String(format: "%.0f", $0.fitSeconds + $0.writeSeconds)) s" }
                ?? "champion run \(outcome.championRunID.map(String.init) ?? "-") scored \(Console.grouped(outcome.scoredTracks)) new tracks"
            Console.out("  \(outcome.task.rawValue) (\(outcome.featureSet.rawValue)): \(done): \(outcome.plan.reason)\n")
        }
        // Each failure has had its line in the log.
        if report.failed { throw ExitCode.failure }
    }

    static func loaded(_ report: IngestReport) -> String {
        let g = Console.grouped
        if report.outcome == .alreadyLoaded { return "\(line(report.file)): already loaded as ingest \(report.ingestID)" }
        return "\(line(report.file)): ingest \(report.ingestID), \(g(report.rowsRead)) rows: \(g(report.rowsAccepted)) accepted, "
            + "\(g(report.rowsRejected)) rejected; \(g(report.tracksNew)) new tracks"
    }

    static func render(_ tour: Tour, db: String?) -> String {
        let g = Console.grouped, s = tour.stats
        let dbOption = db.map { " --db " + shellQuoted($0) } ?? ""
        var text = "\nIn the warehouse (`jukebox stats\(dbOption)`)\n"
        text += "  \(g(s.tracks)) tracks (\(g(s.tracksWithAudio)) with audio features) by \(g(s.artists)) artists, "
            + "\(g(s.albums)) albums, \(g(s.genres)) genres, from \(g(s.ingests)) ingest(s)\n"
        text += "\nChampion models, scored on holdout tracks they never saw (`jukebox models`)\n"
        if tour.champions.isEmpty { text += "  none\n" }
        for run in tour.champions { text += "  \(run.task.rawValue) (\(run.featureSet.rawValue)), run \(run.runID): \(inWords(run.metrics))\n" }
        if let e = tour.example, let top = e.predictedGenres.first {
            let name = line("\(e.artists.joined(separator: ", ")) - \(e.trackName)")
            text += "\nA genre prediction, with its evidence (`jukebox explain\(dbOption) \(e.trackID)`)\n"
            text += "  \(name), a holdout track: predicted "
                + e.predictedGenres.map { "\(line($0.genre)) \(percent($0.probability))" }.joined(separator: ", ")
                + " by the \(e.genreModel ?? "?") model; tagged " + (e.actualGenres.isEmpty ? "none" : e.actualGenres.map(line).joined(separator: ", ")) + "\n"
            if !e.genreContributions.isEmpty {
                text += "  why '\(line(top.genre))':\n" + e.genreContributions.prefix(3).map { "    " + line($0.sentence) + "\n" }.joined()
            }
            if let answer = tour.recommendation {
                text += "\nA recommendation, with its reasons (`jukebox recommend\(dbOption) \(e.trackID)`)\n"
                text += "  For \(name), the best of \(g(answer.candidates)) candidates by the evidence blend (score):\n"
                for (i, r) in answer.results.enumerated() {
                    text += "  \(i + 1). \(line(r.artists.joined(separator: ", "))) - \(line(r.trackName))\n"
                        + "     score \(String(format: "%.3f", r.score)): \(line(r.reason))\n"
                }
            }
        }
        if let trend = tour.trend {
            let c = trend.change, feature = c.feature.name
            text += "\nA trend (`jukebox trends\(dbOption) --by decade --compare \(trend.from) \(trend.to)`)\n"
            text += "  From the \(trend.from) (\(g(c.a.count)) tracks with a release year) to the \(trend.to) (\(g(c.b.count))), "
                + "\(feature) moved most: mean \(number(c.a.mean)) to \(number(c.b.mean))"
                + (c.cohensD.map { ", an effect size of \(String(format: "%.2f", abs($0))) (Cohen's d)" } ?? "") + "\n"
        }
        text += "\nGo on\n"
        text += "  jukebox serve\(dbOption)    # the web app, at http://127.0.0.1:8080\n"
        text += "  jukebox sql\(dbOption) \"SELECT predicted_genre, count(*) AS tracks FROM v_genre_predictions GROUP BY 1 ORDER BY 2 DESC LIMIT 5\"\n"
        text += "  jukebox report\(dbOption) --out report.html    # the same analysis in one HTML file\n"
        return text
    }

    /// A champion's main holdout figures as a sentence.
    static func inWords(_ metrics: RunMetrics) -> String {
        let holdout = { (rows: Int?) in rows.map { " of \(Console.grouped($0)) holdout tracks" } ?? " of the holdout tracks" }
        switch metrics {
        case let .genre(m):
            var text = "the top genre is right for \(percent(m.accuracy))\(holdout(m.holdoutRows))"
            if let anyTag = m.anyTagAccuracy { text += " (one of the track's tags: \(percent(anyTag)))" }
            return text
        case let .popularity(m):
            return "explains \(percent(m.r2)) of the variance in popularity (R² \(number(m.r2)))\(holdout(m.holdoutRows)), "
                + "off by \(number(m.mae)) points on average"
        case let .clusters(m):
            return "\(m.clusterSizes?.count ?? 0) clusters of similar-sounding tracks, silhouette \(number(m.silhouette)) (-1 to 1; higher is better separated)"
        case let .neighbours(m):
            return "the \(m.k ?? 0) nearest tracks of each of \(Console.grouped(m.tracks ?? 0)) tracks, the nearest at a mean distance of \(number(m.meanNearestDistance))"
        }
    }

    static func percent(_ share: Double?) -> String { share.map { String(format: "%.1f%%", $0 * 100) } ?? "?" }
    static func number(_ value: Double?) -> String { value.map { String(format: "%.3g", $0) } ?? "?" }
    /// Text read from the warehouse, on one line and without control characters, so no value can move the terminal.
    static func line(_ text: String) -> String { M3UWriter.oneLine(text) }
    static func shellQuoted(_ text: String) -> String { "'" + line(text).replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
