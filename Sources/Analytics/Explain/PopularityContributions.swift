import GRDB
@_spi(WarehouseSQL) import Store

/// One track's popularity prediction by a champion, broken into SHAP contributions per feature.
public struct PopularityContributions: Sendable {
    public struct Contribution: Sendable {
        public var feature: String
        public var value: Double
        /// The track's own value of the feature, where v_tracks has it.
        public var featureValue: Double?
    }

    public var track: TrackName
    public var actual: Double?
    public var predicted: Double?
    /// Largest absolute contribution first.
    public var contributions: [Contribution]

    static let trackColumns = ["danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness", "instrumentalness",
                               "liveness", "valence", "tempo", "duration_ms", "time_signature", "explicit", "popularity", "release_year"]

    /// nil when the warehouse has no track `trackID`.
    public static func read(_ reader: WarehouseReader, runID: Int64, trackID: String) throws -> PopularityContributions? {
        let db = reader.db
        guard let row = try Row.fetchOne(db, sql: "SELECT track_id, track_name, artists, \(trackColumns.joined(separator: ", ")) FROM v_tracks WHERE track_id = ?",
                                         arguments: [trackID]) else { return nil }
        // Stored SHAP values explain the evaluated model's answer for a holdout track; other tracks show the served one.
        let predicted = try Double.fetchOne(db, sql: """
            SELECT predicted_popularity FROM popularity_holdout_predictions WHERE run_id = ? AND track_id = ?
            UNION ALL SELECT predicted_popularity FROM popularity_predictions WHERE run_id = ? AND track_id = ? LIMIT 1
            """, arguments: [runID, trackID, runID, trackID])
        var values: [String: Double] = [:]
        for column in trackColumns { if let v: Double = row[column] { values[column] = v } }
        var contributions = try Row.fetchAll(db, sql: "SELECT feature, value FROM shap_values WHERE run_id = ? AND track_id = ?",
                                             arguments: [runID, trackID])
            .map { Contribution(feature: $0["feature"], value: $0["value"], featureValue: values[$0["feature"] as String]) }
        // Stored SHAP values add up, with the run's expected value, to the trees' sum; the stored answer is that sum
        // clipped to 0..100, and the clipping is one more contribution so that they add up to it.
        if !contributions.isEmpty, let base = try ModelRuns.find(db, id: runID)?.metrics.popularity?.shapExpectedValue {
            let raw = contributions.reduce(base) { $0 + $1.value }, clipping = PopularityModel.clipping(raw: raw)
            if abs(clipping) >= 0.0005 { contributions.append(Contribution(feature: PopularityModel.clippingFeature, value: clipping, featureValue: raw)) }
        }
        contributions.sort { abs($0.value) > abs($1.value) }
        return PopularityContributions(track: TrackName(trackID: row["track_id"], name: row["track_name"], artists: row["artists"] ?? ""),
                                       actual: row["popularity"], predicted: predicted, contributions: contributions)
    }
}
