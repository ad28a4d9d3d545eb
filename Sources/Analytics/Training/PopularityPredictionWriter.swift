import GRDB
@_spi(WarehouseSQL) import Store

/// Writes a popularity run's answer per track: served (`popularity_predictions`) or the holdout evaluation's own
/// (`popularity_holdout_predictions`). Training and coverage both use it; answers arrive clipped by `PopularityModel`.
struct PopularityPredictionWriter {
    private let insert: BulkStatement
    private let answers: ModelAnswerKind
    let runID: Int64

    init(_ db: Database, runID: Int64, answers: ModelAnswerKind = .served) throws {
        self.runID = runID
        self.answers = answers
        insert = try BulkStatement(db, sql: answers == .served
            ? "INSERT INTO popularity_predictions (run_id, track_id, predicted_popularity, in_holdout) VALUES (?, ?, ?, ?)"
            : "INSERT INTO popularity_holdout_predictions (run_id, track_id, predicted_popularity) VALUES (?, ?, ?)")
    }

    func write(trackID: String, popularity: Double, inHoldout: Bool = false) throws {
        let row = insert.bind(runID).bind(trackID).bind(JSON.round(popularity, 3))
        if answers == .served { _ = row.bind(inHoldout) }
        try row.run()
    }
}
