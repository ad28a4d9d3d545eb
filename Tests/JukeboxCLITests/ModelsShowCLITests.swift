import Foundation
import Testing

/// `jukebox models show` prints the figures the run stored, in text and in JSON, the same on every run of the command.
struct ModelsShowCLITests {
    private func trainedWarehouse() throws -> String {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        try jukebox(["ingest", "--db", db, sampleSpotify, sampleTopHits])
        let train = try jukebox(["train", "--db", db, "--genre-rounds", "5", "--clusters", "3", "--neighbours", "5"])
        #expect(train.status == 0, "\(train.stderr)")
        return db
    }

    /// The run's stored JSON columns, read by SQLite, not by Jukebox's decoder.
    private func stored(_ db: String, run: Int) throws -> (hyperparameters: String, metrics: String) {
        let out = try jukebox(["sql", "--db", db, "--format", "json", "SELECT hyperparameters, metrics FROM model_runs WHERE run_id = \(run)"])
        let row = try #require((try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])?.first)
        return (try #require(row["hyperparameters"] as? String), try #require(row["metrics"] as? String))
    }

    private func object(_ text: String) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    @Test func showPrintsTheStoredFiguresInTextAndJSON() throws {
        let db = try trainedWarehouse()
        for run in 1...6 {
            let (hyperparameters, metrics) = try stored(db, run: run)
            let storedMetrics = try object(metrics)

            let json = try jukebox(["models", "show", String(run), "--db", db, "--format", "json"])
            #expect(json.status == 0, "\(json.stderr)")
            let shown = try object(json.stdout)
            #expect(shown["metrics"] as? NSDictionary == storedMetrics, "run \(run)")
            #expect(shown["hyperparameters"] as? NSDictionary == (try object(hyperparameters)), "run \(run)")
            #expect(shown["run_id"] as? Int == run)

            let text = try jukebox(["models", "show", String(run), "--db", db])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("\nhyperparameters: \(hyperparameters)\n"), "run \(run)")
            // Each scalar metric on its own line, with the stored figure.
            let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let metricLines = lines.drop { $0 != "metrics:" }.dropFirst().prefix { !$0.isEmpty }
            var scalars: [String: Double] = [:]
            for case let (key as String, number as NSNumber) in storedMetrics where key != "tracks_without_audio_skipped" {
                scalars[key] = number.doubleValue
            }
            var printed: [String: Double] = [:]
            for line in metricLines where !line.hasPrefix("  cluster_sizes") {
                let parts = line.trimmingCharacters(in: .whitespaces).split(separator: ": ")
                printed[String(parts[0])] = Double(parts[1])
            }
            #expect(!scalars.isEmpty)
            #expect(printed == scalars, "run \(run)")
        }
    }

    /// Genres tied on F1 are listed by name, so two runs of the command print the same text.
    @Test func perGenreF1TiesAreListedByName() throws {
        let db = try trainedWarehouse()
        let first = try jukebox(["models", "show", "2", "--db", db]).stdout
        let lines = first.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let perGenre = lines.drop { !$0.hasPrefix("per-genre F1") }.dropFirst().prefix { !$0.isEmpty && $0 != "  ..." }
        let pairs = perGenre.map { line -> (String, Double) in
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: ": ")
            return (String(parts[0]), Double(parts[1]) ?? .nan)
        }
        #expect(pairs.count >= 3)
        #expect(zip(pairs, pairs.dropFirst()).allSatisfy { a, b in a.1 > b.1 || (a.1 == b.1 && a.0 < b.0) }, "\(pairs)")
        #expect(pairs.contains { $0.1 == 0 }, "the sample's run 2 has genres tied at 0: \(pairs)")
        for _ in 0..<3 { #expect(try jukebox(["models", "show", "2", "--db", db]).stdout == first) }
    }
}
