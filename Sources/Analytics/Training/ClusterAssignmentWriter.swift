import GRDB
@_spi(WarehouseSQL) import Store

/// Writes tracks' clusters (`cluster_assignments`), for training and for coverage after a retrain.
struct ClusterAssignmentWriter {
    private let insert: BulkStatement
    let runID: Int64

    init(_ db: Database, runID: Int64) throws {
        self.runID = runID
        insert = try BulkStatement(db, sql: "INSERT INTO cluster_assignments (run_id, track_id, cluster_id, distance) VALUES (?, ?, ?, ?)")
    }

    func write(trackID: String, clusterID: Int, distance: Double) throws {
        try insert.bind(runID).bind(trackID).bind(clusterID).bind(JSON.round(distance, 5)).run()
    }
}
