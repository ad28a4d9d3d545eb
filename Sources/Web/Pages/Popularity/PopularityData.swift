import Analytics
import Store

/// The popularity champion: predicted against actual and residuals on its holdout tracks (the ones the metrics
/// are measured on), importances, tracks with explanations.
struct PopularityData: Encodable, Sendable {
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

    static func load(_ reader: WarehouseReader) throws -> PopularityData {
        guard let champion = try ModelRuns.champion(reader, task: .popularity) else {
            return PopularityData(run: nil, metrics: [:], holdoutTracks: 0, sample: [],
                                  residualHistogram: Histogram(title: "Residuals", bins: [], xLabel: "predicted − actual"),
                                  importances: [], explained: [])
        }
        let run = RunInfo(champion)
        // Holdout rows only, like the metrics: training rows would flatter the charts.
        let holdout = try PopularityHoldout.read(reader, run: champion)
        var residuals: [Double] = []
        residuals.reserveCapacity(holdout.predictions.count)
        var points: [Point] = []
        points.reserveCapacity(holdout.predictions.count)
        for p in holdout.predictions {
            residuals.append(p.predicted - p.actual)
            points.append(Point(trackID: p.trackID, name: "", artists: "", actual: p.actual, predicted: p.predicted, inHoldout: p.inHoldout))
        }
        let step = max(1, Int((Double(points.count) / Double(sampleLimit)).rounded(.up)))
        var sample = stride(from: 0, to: points.count, by: step).map { points[$0] }
        let names = try TrackRef.fetch(reader, ids: sample.map(\.trackID))
        for i in sample.indices { sample[i].name = names[sample[i].trackID]?.name ?? ""; sample[i].artists = names[sample[i].trackID]?.artists ?? "" }

        let importances = holdout.importances.map { Importance(feature: $0.feature, method: $0.method, value: $0.value, spread: $0.spread) }

        let byID = Dictionary(points.map { ($0.trackID, $0) }, uniquingKeysWith: { a, _ in a })
        var explained = holdout.explainedTrackIDs.compactMap { byID[$0] }.sorted { abs($0.predicted - $0.actual) > abs($1.predicted - $1.actual) }
        explained = Array(explained.prefix(30))
        let explainedNames = try TrackRef.fetch(reader, ids: explained.map(\.trackID))
        for i in explained.indices { explained[i].name = explainedNames[explained[i].trackID]?.name ?? ""; explained[i].artists = explainedNames[explained[i].trackID]?.artists ?? "" }

        return PopularityData(run: run, metrics: run.numericMetrics, holdoutTracks: points.count, sample: sample,
                              residualHistogram: Histogram(title: "Residuals (predicted − actual) over \(HTML.count(points.count)) holdout tracks",
                                                           bins: Histogram.bins(residuals, count: 40), xLabel: "predicted − actual popularity"),
                              importances: importances, explained: explained)
    }
}
