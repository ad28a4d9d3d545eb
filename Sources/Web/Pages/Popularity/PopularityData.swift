import GRDB

/// The popularity champion: predicted against actual and residuals on its holdout tracks (the ones the metrics
/// are measured on), importances, tracks with explanations.
struct PopularityData: Codable, Sendable {
    struct Point: Codable, Sendable {
        var trackID: String
        var name: String
        var artists: String
        var actual: Double
        var predicted: Double
        var inHoldout: Bool
    }

    struct Importance: Codable, Sendable {
        var feature: String
        var method: String
        var value: Double
        var spread: Double?
    }

    var run: RunInfo?
    var metrics: [String: Double]
    /// Holdout tracks with a prediction and an actual popularity: the charts show these only.
    var holdoutTracks: Int
    /// At most `sampleLimit` holdout tracks, evenly spread over them.
    var sample: [Point]
    var residualHistogram: Histogram
    var importances: [Importance]
    /// Tracks with stored SHAP values, largest absolute residual first (at most 30).
    var explained: [Point]

    static let sampleLimit = 2000

    static func load(_ db: Database) throws -> PopularityData {
        guard let run = try RunInfo.champion(db, task: "popularity") else {
            return PopularityData(run: nil, metrics: [:], holdoutTracks: 0, sample: [],
                                  residualHistogram: Histogram(title: "Residuals", bins: [], xLabel: "predicted − actual"),
                                  importances: [], explained: [])
        }
        // The champion view; the run is the champion of feature set full, else audio. Holdout rows only, like
        // the metrics: training rows would flatter the charts.
        let rows = try Row.fetchAll(db, sql: run.featureSet == "full" ? """
            SELECT track_id, actual_popularity, predicted_popularity, in_holdout FROM v_popularity_predictions
            WHERE actual_popularity IS NOT NULL AND in_holdout = 1 ORDER BY track_id
            """ : """
            SELECT p.track_id, t.popularity AS actual_popularity, p.predicted_popularity, p.in_holdout
            FROM popularity_predictions p JOIN v_tracks t ON t.track_id = p.track_id
            WHERE p.run_id = ? AND t.popularity IS NOT NULL AND p.in_holdout = 1 ORDER BY p.track_id
            """, arguments: run.featureSet == "full" ? [] : [run.runID])
        var residuals: [Double] = []
        residuals.reserveCapacity(rows.count)
        var points: [Point] = []
        points.reserveCapacity(rows.count)
        for row in rows {
            let actual: Double = row["actual_popularity"], predicted: Double = row["predicted_popularity"]
            residuals.append(predicted - actual)
            points.append(Point(trackID: row["track_id"], name: "", artists: "", actual: actual, predicted: predicted, inHoldout: row["in_holdout"]))
        }
        let step = max(1, Int((Double(points.count) / Double(sampleLimit)).rounded(.up)))
        var sample = stride(from: 0, to: points.count, by: step).map { points[$0] }
        let names = try TrackRef.fetch(db, ids: sample.map(\.trackID))
        for i in sample.indices { sample[i].name = names[sample[i].trackID]?.name ?? ""; sample[i].artists = names[sample[i].trackID]?.artists ?? "" }

        let importances = try Row.fetchAll(db, sql: """
            SELECT feature, method, value, spread FROM feature_importances WHERE run_id = ? ORDER BY method, value DESC
            """, arguments: [run.runID]).map { Importance(feature: $0["feature"], method: $0["method"], value: $0["value"], spread: $0["spread"]) }

        let byID = Dictionary(points.map { ($0.trackID, $0) }, uniquingKeysWith: { a, _ in a })
        let shapIDs = try String.fetchAll(db, sql: "SELECT DISTINCT track_id FROM shap_values WHERE run_id = ?", arguments: [run.runID])
        var explained = shapIDs.compactMap { byID[$0] }.sorted { abs($0.predicted - $0.actual) > abs($1.predicted - $1.actual) }
        explained = Array(explained.prefix(30))
        let explainedNames = try TrackRef.fetch(db, ids: explained.map(\.trackID))
        for i in explained.indices { explained[i].name = explainedNames[explained[i].trackID]?.name ?? ""; explained[i].artists = explainedNames[explained[i].trackID]?.artists ?? "" }

        return PopularityData(run: run, metrics: run.numericMetrics, holdoutTracks: points.count, sample: sample,
                              residualHistogram: Histogram(title: "Residuals (predicted − actual) over \(HTML.count(points.count)) holdout tracks",
                                                           bins: Histogram.bins(residuals, count: 40), xLabel: "predicted − actual popularity"),
                              importances: importances, explained: explained)
    }
}
