import Analytics

/// `jukebox models show --format json`: one run in full, its metrics and hyperparameters under their stored keys.
struct RunDocument: Encodable {
    struct Importance: Encodable {
        var feature: String
        var method: String
        var value: Double
        var spread: Double?

        /// A spread the method does not measure is null, not left out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(feature, forKey: .feature)
            try container.encode(method, forKey: .method)
            try container.encode(value, forKey: .value)
            try container.encode(spread, forKey: .spread)
        }

        enum CodingKeys: String, CodingKey { case feature, method, value, spread }
    }

    struct Cluster: Encodable {
        var clusterID: Int
        var size: Int
        /// In the features' units, by feature.
        var centroid: [String: Double]
        var topGenres: [String]
        /// "artists - name", most typical first.
        var typicalTracks: [String]

        enum CodingKeys: String, CodingKey {
            case clusterID = "cluster_id", size, centroid, topGenres = "top_genres", typicalTracks = "typical_tracks"
        }
    }

    var runID: Int64
    var task: String
    var featureSet: String
    var algorithm: String
    var status: String
    var champion: Bool
    var startedAt: String
    var finishedAt: String?
    var trainRows: Int
    var testRows: Int
    var message: String?
    var hyperparameters: RunHyperparameters
    var metrics: RunMetrics
    var importances: [Importance]
    var clusters: [Cluster]

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", task, featureSet = "feature_set", algorithm, status, champion, startedAt = "started_at"
        case finishedAt = "finished_at", trainRows = "train_rows", testRows = "test_rows", message, hyperparameters, metrics
        case importances, clusters
    }

    init(_ run: ModelRuns.Run, metrics: RunMetrics, importances: [PopularityHoldout.Importance], clusters: [ClusterProfile]) {
        runID = run.runID; task = run.task.rawValue; featureSet = run.featureSet.rawValue; algorithm = run.algorithm
        status = run.status; champion = run.isChampion; startedAt = run.startedAt; finishedAt = run.finishedAt
        trainRows = run.trainRows; testRows = run.testRows; message = run.message
        hyperparameters = run.hyperparameters
        self.metrics = metrics
        self.importances = importances.map { Importance(feature: $0.feature, method: $0.method, value: $0.value, spread: $0.spread) }
        self.clusters = clusters.map { c in
            Cluster(clusterID: c.clusterID, size: c.size, centroid: Dictionary(c.centroid.map { ($0.feature, $0.value) }, uniquingKeysWith: { a, _ in a }),
                    topGenres: c.topGenres.map(\.genre), typicalTracks: c.typicalTracks.map { $0.artists + " - " + $0.name })
        }
    }
}
