import GRDB
@_spi(WarehouseSQL) import Store

/// Writes a genre run's top genres per track: the served answers (`genre_predictions`, what the champion views and
/// `explain` show) or the holdout evaluation's own (`genre_holdout_predictions`). Training and coverage both use it.
struct GenrePredictionWriter {
    private let insert: BulkStatement
    private let answers: ModelAnswerKind
    let runID: Int64

    init(_ db: Database, runID: Int64, answers: ModelAnswerKind = .served) throws {
        self.runID = runID
        self.answers = answers
        insert = try BulkStatement(db, sql: answers == .served
            ? "INSERT INTO genre_predictions (run_id, track_id, rank, genre, probability, in_holdout) VALUES (?, ?, ?, ?, ?, ?)"
            : "INSERT INTO genre_holdout_predictions (run_id, track_id, rank, genre, probability) VALUES (?, ?, ?, ?, ?)")
    }

    /// `inHoldout`: the track is in the run's holdout (served answers only).
    func write(trackID: String, genres: [(genre: String, probability: Double)], inHoldout: Bool = false) throws {
        for (rank, genre) in genres.enumerated() {
            let row = insert.bind(runID).bind(trackID).bind(rank + 1).bind(genre.genre).bind(JSON.round(genre.probability))
            if answers == .served { _ = row.bind(inHoldout) }
            try row.run()
        }
    }
}
