import Analytics
import ArgumentParser
import Foundation
import Store

struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List model runs with their key metrics; show one in full; prune old runs.",
        subcommands: [List.self, Show.self, Prune.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List model runs (the default).")
        @OptionGroup var warehouse: WarehouseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let runs = try reportingErrors { try ModelRuns.all(in: warehouse.openReadOnly()) }
            if runs.isEmpty { Console.message("no model runs yet; train with `jukebox train`") }
            let table = ResultTable(
                columns: ["run_id", "task", "features", "algorithm", "status", "champion", "finished_at", "train_rows", "test_rows", "key_metrics"],
                rows: runs.map { run in
                    [.int(Int(run.runID)), .text(run.task.rawValue), .text(run.featureSet.rawValue), .text(run.algorithm), .text(run.status),
                     .text(run.isChampion ? "yes" : ""), Cell(run.finishedAt), .int(run.trainRows), .int(run.testRows),
                     .text(Self.keyMetrics(run.metrics))]
                })
            table.write(output, defaultColumns: ["run_id", "task", "features", "status", "champion", "key_metrics"])
        }

        static func keyMetrics(_ metrics: RunMetrics) -> String {
            let keys = ["accuracy", "any_tag_accuracy", "macro_f1", "r2", "mae", "silhouette", "inertia", "k"]
            return keys.compactMap { key in metrics.value(key).map { "\(key)=\(String(format: "%.4g", $0))" } }.joined(separator: " ")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one run in full: metrics, confusion matrix, importances.")
        @OptionGroup var warehouse: WarehouseOptions
        @Argument(help: "The run id (see `jukebox models`).") var runID: Int64
        @Option(help: "Output format: text or json.") var format: ShowFormat = .text
        enum ShowFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

        func validate() throws {
            guard runID >= 1 else { throw ValidationError("the run id must be 1 or more (see `jukebox models`); got \(runID)") }
        }

        func run() throws {
            try reportingErrors {
                let store = try warehouse.openReadOnly()
                let record = try ModelRuns.run(in: store, id: runID)
                let (importances, clusters) = try store.read { reader in
                    (try PopularityHoldout.importances(reader, runID: self.runID), try ClusterProfile.fetch(reader, runID: self.runID))
                }
                let metrics = record.metrics
                if format == .json {
                    Console.out(ResultTable.json(RunDocument(record, metrics: metrics, importances: importances, clusters: clusters), pretty: true) + "\n")
                    return
                }
                var text = "run \(record.runID): \(record.task.rawValue) (\(record.featureSet.rawValue) features), \(record.algorithm), \(record.status)"
                text += record.isChampion ? ", champion\n" : "\n"
                text += "started \(record.startedAt), finished \(record.finishedAt ?? "-"); train \(record.trainRows) rows, holdout \(record.testRows) rows"
                text += "; fit \(record.fitSeconds.map { String(format: "%.1f s", $0) } ?? "-"), write \(record.writeSeconds.map { String(format: "%.1f s", $0) } ?? "-")\n"
                if let learnedFrom = record.learnedFrom { text += "\(learnedFrom)\n" }
                if let message = record.message { text += "\(message)\n" }
                text += "\nmetrics:\n"
                for metric in metrics.values {
                    // As the stored JSON writes it: a whole number without a fraction.
                    let value = metric.value.rounded() == metric.value && abs(metric.value) < 1e15 ? String(Int(metric.value)) : "\(metric.value)"
                    text += "  \(metric.name): \(value)\n"
                }
                if let sizes = metrics.clusters?.clusterSizes { text += "  cluster_sizes: \(sizes.map(String.init).joined(separator: " "))\n" }
                text += "\nhyperparameters: \(ResultTable.json(record.hyperparameters, pretty: false))\n"
                if let genre = metrics.genre, genre.perGenreF1 != nil {
                    let sorted = genre.perGenreF1Ranked
                    text += "\nper-genre F1 (best 10, worst 10):\n"
                    for (genre, f1) in sorted.prefix(10) { text += "  \(genre): \(String(format: "%.3f", f1))\n" }
                    text += "  ...\n"
                    for (genre, f1) in sorted.suffix(10) { text += "  \(genre): \(String(format: "%.3f", f1))\n" }
                }
                if let confusion = metrics.genre?.confusionMatrix {
                    let labels = confusion.labels, counts = confusion.counts
                    text += "\nlargest confusions (true -> predicted: rows):\n"
                    var pairs: [(Int, Int, Int)] = []
                    for (i, row) in counts.enumerated() { for (j, n) in row.enumerated() where i != j && n > 0 { pairs.append((i, j, n)) } }
                    for (i, j, n) in pairs.sorted(by: { $0.2 > $1.2 }).prefix(15) { text += "  \(labels[i]) -> \(labels[j]): \(n)\n" }
                    text += "(the full \(labels.count)x\(labels.count) matrix: `jukebox models show \(record.runID) --format json`)\n"
                }
                if !clusters.isEmpty {
                    text += "\nclusters (centroid in the features' units; most typical tracks are nearest the centroid):\n"
                    for c in clusters {
                        text += "  \(c.clusterID): \(c.size) tracks; " + c.centroid.map { "\($0.feature) \(String(format: "%.3g", $0.value))" }.joined(separator: ", ") + "\n"
                        text += "     genres: \(c.topGenres.map(\.genre).joined(separator: ", "))\n"
                        text += "     typical: \(c.typicalTracks.map { $0.artists + " - " + $0.name }.joined(separator: "; "))\n"
                    }
                }
                if !importances.isEmpty {
                    text += "\nimportances:\n"
                    for method in ["gain", "split_count", "permutation", "mean_abs_shap"] {
                        let rows = importances.filter { $0.method == method }
                        guard !rows.isEmpty else { continue }
                        text += "  \(method): " + rows.prefix(8).map { "\($0.feature)=\(String(format: "%.4g", $0.value))" }.joined(separator: ", ") + "\n"
                    }
                }
                Console.show(text)
            }
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete runs that are not champions, with their outputs.")
        @OptionGroup var warehouse: WarehouseOptions

        func run() throws {
            try reportingErrors {
                let removed = try ModelRuns.prune(in: warehouse.open())
                Console.show("pruned \(removed) run(s); champions are kept\n")
            }
        }
    }
}
