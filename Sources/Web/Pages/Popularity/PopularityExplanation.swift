import GRDB

/// One track's popularity prediction broken into SHAP contributions per feature.
struct PopularityExplanation: Codable, Sendable {
    struct Contribution: Codable, Sendable {
        var feature: String
        var value: Double
        /// The track's own value of the feature, where v_tracks has it.
        var featureValue: Double?
    }

    var runID: Int64
    var track: TrackRef
    var actual: Double?
    var predicted: Double?
    /// predicted − sum of contributions: the model's average answer.
    var baseValue: Double?
    var contributions: [Contribution]

    static let trackColumns = ["danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness", "instrumentalness",
                               "liveness", "valence", "tempo", "duration_ms", "time_signature", "explicit", "popularity", "release_year"]

    static func load(_ db: Database, trackID: String) throws -> PopularityExplanation {
        guard let run = try RunInfo.champion(db, task: "popularity") else {
            throw WebError.unavailable("no popularity model has been trained yet; run `jukebox train popularity`")
        }
        guard let row = try Row.fetchOne(db, sql: "SELECT track_id, track_name, artists, \(trackColumns.joined(separator: ", ")) FROM v_tracks WHERE track_id = ?",
                                         arguments: [trackID]) else {
            throw WebError.notFound("There is no track with the id \(trackID).")
        }
        let predictedRow = try Row.fetchOne(db, sql: "SELECT predicted_popularity FROM popularity_predictions WHERE run_id = ? AND track_id = ?",
                                            arguments: [run.runID, trackID])
        let predicted: Double? = predictedRow?["predicted_popularity"]
        let actual: Double? = row["popularity"]
        var values: [String: Double] = [:]
        for column in trackColumns { if let v: Double = row[column] { values[column] = v } }
        let contributions = try Row.fetchAll(db, sql: "SELECT feature, value FROM shap_values WHERE run_id = ? AND track_id = ?",
                                             arguments: [run.runID, trackID])
            .map { Contribution(feature: $0["feature"], value: $0["value"], featureValue: values[$0["feature"] as String]) }
            .sorted { abs($0.value) > abs($1.value) }
        let base = predicted.map { p in p - contributions.reduce(0) { $0 + $1.value } }
        return PopularityExplanation(runID: run.runID, track: TrackRef(trackID: row["track_id"], name: row["track_name"], artists: row["artists"] ?? ""),
                                     actual: actual, predicted: predicted, baseValue: contributions.isEmpty ? nil : base,
                                     contributions: contributions)
    }
}
