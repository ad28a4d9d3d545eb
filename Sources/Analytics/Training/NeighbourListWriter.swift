import GRDB
@_spi(WarehouseSQL) import Store

/// Writes a track's neighbour list (`track_neighbours`, nearest first), for training and for coverage, which also
/// rewrites the lists a new track joins.
struct NeighbourListWriter {
    private let insert: BulkStatement
    private let db: Database
    let runID: Int64

    init(_ db: Database, runID: Int64) throws {
        self.db = db
        self.runID = runID
        insert = try BulkStatement(db, sql: "INSERT INTO track_neighbours (run_id, track_id, rank, neighbour_track_id, distance) VALUES (?, ?, ?, ?, ?)")
    }

    func write(trackID: String, neighbours: [(id: String, distance: Double)]) throws {
        for (rank, neighbour) in neighbours.enumerated() {
            try insert.bind(runID).bind(trackID).bind(rank + 1).bind(neighbour.id).bind(JSON.round(neighbour.distance, 5)).run()
        }
    }

    /// Replaces the list of `trackID`.
    func replace(trackID: String, neighbours: [(id: String, distance: Double)]) throws {
        try db.execute(sql: "DELETE FROM track_neighbours WHERE run_id = ? AND track_id = ?", arguments: [runID, trackID])
        try write(trackID: trackID, neighbours: neighbours)
    }
}
