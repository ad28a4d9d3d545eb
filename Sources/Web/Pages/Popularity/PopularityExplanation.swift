import Analytics
import Store

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

    static func load(_ reader: WarehouseReader, trackID: String) throws -> PopularityExplanation {
        guard let run = try ModelRuns.champion(reader, task: .popularity) else {
            throw WebError.unavailable("no popularity model has been trained yet; run `jukebox train popularity`")
        }
        guard let found = try PopularityContributions.read(reader, runID: run.runID, trackID: trackID) else {
            throw WebError.notFound("There is no track with the id \(trackID).")
        }
        let contributions = found.contributions.map { Contribution(feature: $0.feature, value: $0.value, featureValue: $0.featureValue) }
        let base = found.predicted.map { p in p - contributions.reduce(0) { $0 + $1.value } }
        return PopularityExplanation(runID: run.runID, track: TrackRef(found.track), actual: found.actual, predicted: found.predicted,
                                     baseValue: contributions.isEmpty ? nil : base, contributions: contributions)
    }
}
