import Foundation
import GRDB
import Learning
@_spi(WarehouseSQL) import Store

/// k-means clusters over standardized audio features, for playlists.
public struct ClusterTrainer: Sendable {
    public var clusterCount = 20
    public var restarts = 4
    public var seed: UInt64 = 3

    public init() {}

    func fit(_ db: Database) throws -> TaskResult {
        let started = Date()
        let space = try AudioSpace.read(db)
        guard space.trackIDs.count >= clusterCount else {
            throw AnalyticsError.notAnswerable("clustering into \(clusterCount) groups needs at least \(clusterCount) tracks with audio features; the warehouse has \(space.trackIDs.count)")
        }
        var kmeans = KMeans(clusterCount: clusterCount)
        kmeans.restarts = restarts
        kmeans.seed = seed
        let fitted = try kmeans.fit(space.standardized)
        // Ids follow the champion's clusters (nearest centroids), so they keep their meaning across retrains.
        let d = AudioSpace.columns.count
        let newCentroids = (0..<fitted.clusterCount).map { Array(fitted.centroids.values[($0 * d)..<(($0 + 1) * d)]) }
        let model = fitted.relabeled(ClusterIDs.matching(new: newCentroids, old: try ClusterIDs.championCentroids(db, space: space)))
        let fitSeconds = Date().timeIntervalSince(started)
        let silhouette = try Silhouette.score(space.standardized, labels: model.labels, sampleSize: 2000, seed: seed)
        var sizes = [Int](repeating: 0, count: clusterCount)
        for label in model.labels { sizes[label] += 1 }
        let metrics = RunMetrics.ClusterMetrics(inertia: JSON.round(model.inertia, 3), silhouette: JSON.round(silhouette, 4),
                                                iterations: model.iterations, clusterSizes: sizes,
                                                tracksWithoutAudioSkipped: try AudioSpace.tracksWithoutAudio(db, space: space))
        // The standardization is kept with the run: cluster profiles read "how far from the mean track" from it.
        let hyperparameters = RunHyperparameters.Clusters(k: clusterCount, restarts: restarts, seed: Int(seed), initialization: "k-means++",
                                                          features: AudioSpace.columns, standardized: true,
                                                          featureMeans: space.means, featureScales: space.scales)
        return TaskResult(
            task: .clusters, featureSet: .audio, algorithm: "k-means", hyperparameters: .clusters(hyperparameters), metrics: .clusters(metrics),
            score: silhouette, scoreName: "silhouette", dataRows: space.trackIDs.count, trainRows: space.trackIDs.count,
            testRows: 0, blob: ModelCoder.encode(model), fitSeconds: fitSeconds,
            writeOutputs: { db, runID in
                try ClusterAssignmentWriter(db, runID: runID).write(trackIDs: space.trackIDs, rows: space.standardized, model: model, labels: model.labels)
                let centroids = model.centroids.values
                let centroid = try BulkStatement(db, sql: "INSERT INTO cluster_centroids (run_id, cluster_id, feature, value) VALUES (?, ?, ?, ?)")
                for k in 0..<model.clusterCount {
                    for (c, feature) in AudioSpace.columns.enumerated() {
                        // Back to the feature's own units, so a centroid reads like a track.
                        try centroid.bind(runID).bind(k).bind(feature).bind(JSON.round(centroids[k * d + c] * space.scales[c] + space.means[c], 5)).run()
                    }
                }
            },
            scoreChampion: { _ in nil })
    }
}
