import Analytics
import ArgumentParser
import Foundation
import GRDB
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
                    [.int(Int(run.runID)), .text(run.task), .text(run.featureSet), .text(run.algorithm), .text(run.status),
                     .text(run.isChampion ? "yes" : ""), Cell(run.finishedAt), .int(run.trainRows), .int(run.testRows),
                     .text(Self.keyMetrics(run.metrics))]
                })
            Console.out(table.render(output.resolved))
        }

        static func keyMetrics(_ json: String) -> String {
            guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return "" }
            let keys = ["accuracy", "any_tag_accuracy", "macro_f1", "r2", "mae", "silhouette", "inertia", "k"]
            return keys.compactMap { key in
                guard let value = object[key] else { return nil }
                if let number = value as? Double { return "\(key)=\(String(format: "%.4g", number))" }
                return "\(key)=\(value)"
            }.joined(separator: " ")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one run in full: metrics, confusion matrix, importances.")
        @OptionGroup var warehouse: WarehouseOptions
        @Argument(help: "The run id (see `jukebox models`).") var runID: Int64
        @Option(help: "Output format: text or json.") var format: ShowFormat = .text
        enum ShowFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

        func run() throws {
            try reportingErrors {
                let store = try warehouse.openReadOnly()
                let record = try ModelRuns.run(in: store, id: runID)
                let (importances, clusters) = try store.pool.read { db in
                    (try Row.fetchAll(db, sql: "SELECT feature, method, value, spread FROM feature_importances WHERE run_id = ? ORDER BY method, value DESC",
                                      arguments: [self.runID]),
                     try ClusterProfile.fetch(db, runID: self.runID))
                }
                let metrics = (try? JSONSerialization.jsonObject(with: Data(record.metrics.utf8)) as? [String: Any]) ?? [:]
                let hyper = (try? JSONSerialization.jsonObject(with: Data(record.hyperparameters.utf8)) as? [String: Any]) ?? [:]
                if format == .json {
                    var object: [String: Any] = [
                        "run_id": Int(record.runID), "task": record.task, "feature_set": record.featureSet, "algorithm": record.algorithm,
                        "status": record.status, "champion": record.isChampion, "started_at": record.startedAt,
                        "train_rows": record.trainRows, "test_rows": record.testRows, "metrics": metrics, "hyperparameters": hyper,
                        "importances": importances.map { ["feature": $0["feature"] as String, "method": $0["method"] as String,
                                                          "value": $0["value"] as Double, "spread": ($0["spread"] as Double?) as Any] },
                    ]
                    object["clusters"] = clusters.map { c in
                        ["cluster_id": c.clusterID, "size": c.size, "centroid": Dictionary(uniqueKeysWithValues: c.centroid.map { ($0.feature, $0.value) }),
                         "top_genres": c.topGenres.map(\.genre), "typical_tracks": c.typicalTracks.map { $0.artists + " - " + $0.name }] as [String: Any]
                    }
                    object["finished_at"] = record.finishedAt
                    object["message"] = record.message
                    Console.out(ResultTable.json(object, pretty: true) + "\n")
                    return
                }
                var text = "run \(record.runID): \(record.task) (\(record.featureSet) features), \(record.algorithm), \(record.status)"
                text += record.isChampion ? ", champion\n" : "\n"
                text += "started \(record.startedAt), finished \(record.finishedAt ?? "-"); train \(record.trainRows) rows, holdout \(record.testRows) rows"
                text += "; fit \(record.fitSeconds.map { String(format: "%.1f s", $0) } ?? "-"), write \(record.writeSeconds.map { String(format: "%.1f s", $0) } ?? "-")\n"
                if let message = record.message { text += "\(message)\n" }
                text += "\nmetrics:\n"
                for key in metrics.keys.sorted() where !(metrics[key] is [String: Any]) && !(metrics[key] is [Any]) {
                    text += "  \(key): \(metrics[key]!)\n"
                }
                if let sizes = metrics["cluster_sizes"] as? [Int] { text += "  cluster_sizes: \(sizes.map(String.init).joined(separator: " "))\n" }
                text += "\nhyperparameters: \(record.hyperparameters)\n"
                if let perGenre = metrics["per_genre_f1"] as? [String: Double] {
                    let sorted = perGenre.sorted { $0.value > $1.value }
                    text += "\nper-genre F1 (best 10, worst 10):\n"
                    for (genre, f1) in sorted.prefix(10) { text += "  \(genre): \(String(format: "%.3f", f1))\n" }
                    text += "  ...\n"
                    for (genre, f1) in sorted.suffix(10) { text += "  \(genre): \(String(format: "%.3f", f1))\n" }
                }
                if let confusion = metrics["confusion_matrix"] as? [String: Any], let labels = confusion["labels"] as? [String],
                   let counts = confusion["counts"] as? [[Int]] {
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
                        let rows = importances.filter { ($0["method"] as String) == method }
                        guard !rows.isEmpty else { continue }
                        text += "  \(method): " + rows.prefix(8).map { row in
                            "\(row["feature"] as String)=\(String(format: "%.4g", row["value"] as Double))"
                        }.joined(separator: ", ") + "\n"
                    }
                }
                Console.out(text)
            }
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete runs that are not champions, with their outputs.")
        @OptionGroup var warehouse: WarehouseOptions

        func run() throws {
            try reportingErrors {
                let removed = try warehouse.open().pool.write { try ModelRuns.prune($0) }
                Console.out("pruned \(removed) run(s); champions are kept\n")
            }
        }
    }
}
