import Foundation
import GRDB
import Learning
import Store

/// Each track's exact top-k nearest neighbours in standardized audio space, for recommendations.
public struct NeighbourTrainer: Sendable {
    public var neighbours = 10

    public init() {}

    func fit(_ db: Database) throws -> TaskResult {
        let started = Date()
        let space = try AudioSpace.read(db)
        guard space.trackIDs.count > neighbours else {
            throw AnalyticsError.notAnswerable("\(neighbours) neighbours per track need more than \(neighbours) tracks with audio features")
        }
        let table = try NearestNeighbours(metric: .euclidean).fit(space.standardized).allNeighbours(k: neighbours)
        let fitSeconds = Date().timeIntervalSince(started)
        var total = 0.0
        for r in 0..<space.trackIDs.count { total += table.neighbours(of: r).first?.distance ?? 0 }
        let metrics: [String: Any] = ["k": neighbours, "tracks": space.trackIDs.count,
                                      "mean_nearest_distance": JSON.round(total / Double(space.trackIDs.count), 5)]
        return TaskResult(
            task: .neighbours, featureSet: .audio, algorithm: "exact-knn-euclidean",
            hyperparameters: ["k": neighbours, "metric": "euclidean", "features": AudioSpace.columns, "standardized": true],
            metrics: metrics, score: nil, scoreName: "", dataRows: space.trackIDs.count, trainRows: space.trackIDs.count,
            testRows: 0, blob: nil, fitSeconds: fitSeconds,
            writeOutputs: { db, runID in
                let insert = try BulkStatement(db, sql: "INSERT INTO track_neighbours (run_id, track_id, rank, neighbour_track_id, distance) VALUES (?, ?, ?, ?, ?)")
                for (r, id) in space.trackIDs.enumerated() {
                    for (rank, neighbour) in table.neighbours(of: r).enumerated() {
                        try insert.bind(runID).bind(id).bind(rank + 1).bind(space.trackIDs[neighbour.index]).bind(JSON.round(neighbour.distance, 5)).run()
                    }
                }
            },
            scoreChampion: { _ in nil })
    }
}
