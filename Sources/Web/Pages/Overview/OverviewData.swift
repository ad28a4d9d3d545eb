import Analytics
import Store

/// Counts, a histogram of every audio feature, and the features' correlation matrix.
struct OverviewData: Codable, Sendable {
    struct Correlation: Codable, Sendable {
        var features: [String]
        /// Pearson correlation over tracks with both values.
        var values: [[Double]]
    }

    var counts: WarehouseStats
    var tracksWithAudioFeatures: Int
    /// Listeners with a loaded history, and model runs that finished training.
    var listeners: Int
    var trainedModels: Int
    var histograms: [Histogram]
    var correlation: Correlation

    static let features = FeatureColumns.audio
    static let discrete = FeatureColumns.discrete

    static func load(_ reader: WarehouseReader) throws -> OverviewData {
        let counts = try WarehouseStats.fetch(reader)
        let columns = try FeatureColumns.audio(reader)
        let histograms = features.enumerated().map { c, name in
            Histogram(title: name, bins: discrete.contains(name) ? Histogram.integerBins(columns[c]) : Histogram.bins(columns[c], count: 30),
                      xLabel: name, discrete: discrete.contains(name))
        }
        let trained = try ModelRuns.all(reader).filter { $0.status == "succeeded" }.count
        return OverviewData(counts: counts, tracksWithAudioFeatures: counts.tracksWithAudio,
                            listeners: try Listening.listeners(in: reader).count, trainedModels: trained, histograms: histograms,
                            correlation: Correlation(features: features, values: Analytics.Correlation.pearson(columns)))
    }
}
