import Analytics
import Foundation
import Store

/// The champion run a page shows, as the page and its JSON describe it.
struct RunInfo: Encodable, Sendable {
    var runID: Int64
    var task: String
    var featureSet: String
    var algorithm: String
    var finishedAt: String?
    var trainRows: Int
    var testRows: Int
    /// Decoded once, by Analytics; the JSON carries them under the stored keys.
    var metrics: RunMetrics

    /// The champion of `task`, preferring the `full` feature set, or the champion of one feature set.
    static func champion(_ reader: WarehouseReader, task: TrainingTask, featureSet: FeatureSet? = nil) throws -> RunInfo? {
        try ModelRuns.champion(reader, task: task, preferring: featureSet).map(RunInfo.init)
    }

    /// The scalar metrics by name.
    var numericMetrics: [String: Double] {
        Dictionary(metrics.values.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    var summaryHTML: String {
        "<p class=\"note\">Champion run \(runID) · \(HTML.escape(algorithm)) · \(HTML.escape(featureSet)) features · "
            + "trained on \(HTML.count(trainRows)) rows"
            // Clusters and neighbours hold nothing out: say nothing rather than "evaluated on 0 held-out rows".
            + (testRows > 0 ? ", evaluated on \(HTML.count(testRows)) held-out rows" : "")
            + (finishedAt.map { " · finished " + HTML.escape($0) } ?? "") + "</p>"
    }
}

// In an extension, so RunInfo keeps its memberwise initializer.
extension RunInfo {
    init(_ run: ModelRuns.Run) {
        self.init(runID: run.runID, task: run.task.rawValue, featureSet: run.featureSet.rawValue, algorithm: run.algorithm,
                  finishedAt: run.finishedAt, trainRows: run.trainRows, testRows: run.testRows, metrics: run.metrics)
    }
}

/// A track as pages list it.
struct TrackRef: Codable, Sendable {
    var trackID: String
    var name: String
    var artists: String

    init(trackID: String, name: String, artists: String) {
        self.trackID = trackID; self.name = name; self.artists = artists
    }

    init(_ name: TrackName) { self.init(trackID: name.trackID, name: name.name, artists: name.artists) }

    var label: String { TrackName.label(name: name, artists: artists) }

    /// Names and artists of the given tracks, keyed by id.
    static func fetch(_ reader: WarehouseReader, ids: [String]) throws -> [String: TrackRef] {
        try TrackName.fetch(reader, ids: ids).mapValues(TrackRef.init)
    }
}
