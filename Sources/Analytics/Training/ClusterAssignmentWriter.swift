import GRDB
import Learning
@_spi(WarehouseSQL) import Store

/// Writes tracks' clusters (`cluster_assignments`), for training and for coverage after a retrain.
struct ClusterAssignmentWriter {
    private let insert: BulkStatement
    let runID: Int64

    init(_ db: Database, runID: Int64) throws {
        self.runID = runID
        insert = try BulkStatement(db, sql: "INSERT INTO cluster_assignments (run_id, track_id, cluster_id, distance) VALUES (?, ?, ?, ?)")
    }

    /// Each row's cluster and its distance to that cluster's centroid, `rows` standardized as `model` was fitted.
    /// Training passes the labels k-means ended with; coverage passes none, so each new row takes its nearest centroid.
    func write(trackIDs: [String], rows: FeatureMatrix, model: KMeansModel, labels: [Int]? = nil) throws {
        let labels = try labels ?? model.predict(rows)
        let d = rows.columnCount, x = rows.values, centroids = model.centroids.values
        for (r, id) in trackIDs.enumerated() {
            let label = labels[r]
            var squared = 0.0
            for c in 0..<d { let diff = x[r * d + c] - centroids[label * d + c]; squared += diff * diff }
            try insert.bind(runID).bind(id).bind(label).bind(JSON.round(squared.squareRoot(), 5)).run()
        }
    }
}
