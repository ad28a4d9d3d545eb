import Analytics
import ArgumentParser
import Foundation
import Store

extension TrainingTask: ExpressibleByArgument {}
extension FeatureSet: ExpressibleByArgument {}
extension PromotionPolicy: ExpressibleByArgument {}
extension TrainingTarget: ExpressibleByArgument {}

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train models from the warehouse's views and write their outputs back into tables.",
        discussion: """
            TASK is genre, popularity, clusters, neighbours or all (default). genre and popularity train on the `full` feature set (audio features plus what the warehouse knows of the track's artists and album) and, with `all`, also on `audio` alone for tracks by unknown artists. Each run is evaluated on a holdout of 20% of tracks chosen by a hash of the track id (the same split every run), recorded in model_runs, and replaces the champion only if it beats it on that holdout (--promote). Outputs: genre_predictions, popularity_predictions, cluster_assignments, cluster_centroids, track_neighbours, feature_importances, shap_values; champion views v_genre_predictions, v_popularity_predictions, v_track_clusters, v_track_neighbours, v_feature_importances. `all` then writes every playlist's continuation (what `recommend --playlist` answers) into playlist_recommendations under a run of playlist_recommendation_runs (view v_playlist_recommendations).
            """
    )

    @OptionGroup var warehouse: WarehouseOptions

    @Argument(help: "What to train: genre, popularity, clusters, neighbours or all.")
    var target: TrainingTarget = .all

    @Option(help: "Feature set for genre and popularity: full or audio. Default: full (all trains both).")
    var features: FeatureSet?

    @Option(help: "When a run replaces the champion: if-better, always or never.")
    var promote: PromotionPolicy = .ifBetter

    @Option(help: "Clusters for k-means.")
    var clusters: Int = 20

    @Option(help: "Neighbours per track.")
    var neighbours: Int = 10

    @Option(help: "Boosting rounds for the genre model (fewer is faster).")
    var genreRounds: Int?

    @Option(help: "The genre vocabulary to learn (a dump layout's genre column, e.g. track_genre or genre). Default: the one with the most tagged tracks.")
    var taxonomy: String?

    /// The k of k-means that `--clusters` may ask for (and so the cluster ids `playlist --from-cluster` may name).
    static let clusterCounts = 2...1_000

    func validate() throws {
        try OptionRange.check(clusters, Self.clusterCounts, "--clusters")
        try OptionRange.check(neighbours, 1...200, "--neighbours")
        try OptionRange.check(genreRounds, 1...10_000, "--genre-rounds")
    }

    func run() throws {
        try reportingErrors {
            let session = TrainingSession(runner: configuredRunner(try warehouse.open()), progress: Self.render)
            try session.train(target.plan(features: features), promotion: promote, writePlaylists: target.writesPlaylists)
        }
    }

    func configuredRunner(_ warehouse: Warehouse) -> TrainingRunner {
        var runner = TrainingRunner(warehouse: warehouse)
        runner.clusters.clusterCount = clusters
        runner.neighbours.neighbours = neighbours
        if let genreRounds { runner.genre.boosting.rounds = genreRounds }
        runner.genre.taxonomy = taxonomy
        return runner
    }

    /// The session's log lines timestamped on stderr; the runs' table on stdout when the tasks are done.
    @Sendable static func render(_ progress: TrainingProgress) {
        switch progress {
        case let .line(text): Console.message("\(Timestamp.now()) \(text)")
        case let .tasksDone(summaries): Console.out(table(summaries).render(.table))
        }
    }

    static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }

    static func table(_ summaries: [RunSummary]) -> ResultTable {
        ResultTable(
            columns: ["run_id", "task", "features", "metric", "value", "champion_value", "promoted", "fit_s", "write_s"],
            rows: summaries.map { s in
                [.int(Int(s.runID)), .text(s.task.rawValue), .text(s.featureSet.rawValue), .text(s.scoreName.isEmpty ? "-" : s.scoreName),
                 Cell(s.score.map(Self.rounded)), Cell(s.championScore.map(Self.rounded)), .text(s.promoted ? "yes" : "no"),
                 .double((s.fitSeconds * 10).rounded() / 10), .double((s.writeSeconds * 10).rounded() / 10)]
            })
    }
}
