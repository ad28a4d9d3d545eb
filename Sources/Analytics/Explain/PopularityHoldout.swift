import GRDB
@_spi(WarehouseSQL) import Store

/// What a popularity champion says about its holdout tracks (the ones its metrics are measured on):
/// predicted against actual, its importances and which tracks have SHAP values.
public struct PopularityHoldout: Sendable {
    public struct Prediction: Sendable {
        public var trackID: String
        public var actual: Double
        public var predicted: Double
        public var inHoldout: Bool
    }

    public struct Importance: Sendable {
        public var feature: String
        public var method: String
        public var value: Double
        public var spread: Double?
    }

    /// Holdout tracks with a prediction and an actual popularity, in track id order.
    public var predictions: [Prediction]
    /// By method, largest first.
    public var importances: [Importance]
    /// Tracks with stored SHAP values.
    public var explainedTrackIDs: [String]

    /// For `run`, a popularity champion: the champion view for feature set full, its own predictions otherwise.
    public static func read(_ reader: WarehouseReader, run: ModelRuns.Run) throws -> PopularityHoldout {
        let db = reader.db
        // The evaluated model's answers (what the metrics were measured on), never the served ones.
        let rows = try Row.fetchAll(db, sql: run.featureSet == .full ? """
            SELECT track_id, actual_popularity, predicted_popularity, 1 AS in_holdout FROM v_popularity_holdout_predictions
            WHERE actual_popularity IS NOT NULL ORDER BY track_id
            """ : """
            SELECT p.track_id, t.popularity AS actual_popularity, p.predicted_popularity, 1 AS in_holdout
            FROM popularity_holdout_predictions p JOIN v_tracks t ON t.track_id = p.track_id
            WHERE p.run_id = ? AND t.popularity IS NOT NULL ORDER BY p.track_id
            """, arguments: run.featureSet == .full ? [] : [run.runID])
        let predictions = rows.map { row in
            Prediction(trackID: row["track_id"], actual: row["actual_popularity"], predicted: row["predicted_popularity"], inHoldout: row["in_holdout"])
        }
        return PopularityHoldout(predictions: predictions, importances: try importances(reader, runID: run.runID),
                                 explainedTrackIDs: try String.fetchAll(db, sql: "SELECT DISTINCT track_id FROM shap_values WHERE run_id = ?",
                                                                        arguments: [run.runID]))
    }

    /// A run's feature importances, by method, largest first.
    public static func importances(_ reader: WarehouseReader, runID: Int64) throws -> [Importance] {
        try Row.fetchAll(reader.db, sql: """
            SELECT feature, method, value, spread FROM feature_importances WHERE run_id = ? ORDER BY method, value DESC
            """, arguments: [runID]).map { Importance(feature: $0["feature"], method: $0["method"], value: $0["value"], spread: $0["spread"]) }
    }
}
