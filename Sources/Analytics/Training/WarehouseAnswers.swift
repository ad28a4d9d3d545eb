import GRDB

/// A genre or popularity model's answers for tracks of the warehouse: each track's record (`WarehouseTrackRecords`)
/// through `Predictor`, the path `predict`, `explain` and the web answer by. Training writes them for every track (the
/// served answers), coverage for the tracks a champion's outputs lack, so a stored answer is the one `explain` gives.
enum WarehouseAnswers {
    /// Tracks read and answered at a time (bounds the records held in memory).
    static let chunkSize = 4000

    /// The answers for `trackIDs` (nil: every track), in that order; tracks the warehouse lacks are left out.
    static func of(_ db: Database, trackIDs: [String]? = nil, champions: Predictor.Champions) throws -> [Predictor.Answer] {
        let ids = try trackIDs ?? String.fetchAll(db, sql: "SELECT track_id FROM tracks ORDER BY track_id")
        guard !ids.isEmpty else { return [] }
        let predictor = try Predictor(db, champions: champions)
        var answers: [Predictor.Answer] = []
        answers.reserveCapacity(ids.count)
        for start in stride(from: 0, to: ids.count, by: chunkSize) {
            let chunk = Array(ids[start..<min(ids.count, start + chunkSize)])
            answers += try predictor.predict(try WarehouseTrackRecords.read(db, trackIDs: chunk))
        }
        return answers
    }
}
