import Foundation

/// A model run's holdout metrics, typed per task: what each trainer stores in `model_runs.metrics` and what every
/// reader (`models`, the web, the tour) decodes. The coding keys are the stored JSON's keys, which users query with
/// `json_extract`: they never change. A field the stored JSON lacks (a run of an older Jukebox) is nil.
public enum RunMetrics: Sendable, Equatable, Encodable {
    case genre(GenreMetrics)
    case popularity(PopularityMetrics)
    case clusters(ClusterMetrics)
    case neighbours(NeighbourMetrics)

    /// One scalar metric, under the name the stored JSON gives it.
    public struct Value: Sendable, Equatable {
        public var name: String
        public var value: Double
    }

    public struct ConfusionMatrix: Codable, Sendable, Equatable {
        public var labels: [String]
        public var counts: [[Int]]
    }

    public struct GenreMetrics: Codable, Sendable, Equatable {
        public var accuracy: Double?
        public var top3Accuracy: Double?
        public var anyTagAccuracy: Double?
        public var macroPrecision: Double?
        public var macroRecall: Double?
        public var macroF1: Double?
        public var weightedPrecision: Double?
        public var weightedRecall: Double?
        public var weightedF1: Double?
        public var holdoutRows: Int?
        public var perGenreF1: [String: Double]?
        public var confusionMatrix: ConfusionMatrix?

        enum CodingKeys: String, CodingKey {
            case accuracy, top3Accuracy = "top3_accuracy", anyTagAccuracy = "any_tag_accuracy", macroPrecision = "macro_precision"
            case macroRecall = "macro_recall", macroF1 = "macro_f1", weightedPrecision = "weighted_precision"
            case weightedRecall = "weighted_recall", weightedF1 = "weighted_f1", holdoutRows = "holdout_rows"
            case perGenreF1 = "per_genre_f1", confusionMatrix = "confusion_matrix"
        }
    }

    public struct PopularityMetrics: Codable, Sendable, Equatable {
        public var mae: Double?
        public var mse: Double?
        public var rmse: Double?
        public var r2: Double?
        public var holdoutRows: Int?
        /// A prediction is this base plus its row's SHAP values (lets SQL users check `shap_values`).
        public var shapExpectedValue: Double?

        enum CodingKeys: String, CodingKey {
            case mae, mse, rmse, r2, holdoutRows = "holdout_rows", shapExpectedValue = "shap_expected_value"
        }
    }

    public struct ClusterMetrics: Codable, Sendable, Equatable {
        public var inertia: Double?
        public var silhouette: Double?
        public var iterations: Int?
        public var clusterSizes: [Int]?
        public var tracksWithoutAudioSkipped: Int?

        enum CodingKeys: String, CodingKey {
            case inertia, silhouette, iterations, clusterSizes = "cluster_sizes", tracksWithoutAudioSkipped = "tracks_without_audio_skipped"
        }
    }

    public struct NeighbourMetrics: Codable, Sendable, Equatable {
        public var k: Int?
        public var tracks: Int?
        public var meanNearestDistance: Double?
        public var copiesSkipped: Int?
        public var tracksWithFewerThanK: Int?
        public var tracksWithoutAudioSkipped: Int?

        enum CodingKeys: String, CodingKey {
            case k, tracks, meanNearestDistance = "mean_nearest_distance", copiesSkipped = "copies_skipped"
            case tracksWithFewerThanK = "tracks_with_fewer_than_k", tracksWithoutAudioSkipped = "tracks_without_audio_skipped"
        }
    }

    /// The stored JSON of a run of `task`; JSON that does not decode gives empty metrics.
    public static func decode(_ json: String, task: TrainingTask) -> RunMetrics {
        switch task {
        case .genre: return .genre(JSON.decode(json) ?? GenreMetrics())
        case .popularity: return .popularity(JSON.decode(json) ?? PopularityMetrics())
        case .clusters: return .clusters(JSON.decode(json) ?? ClusterMetrics())
        case .neighbours: return .neighbours(JSON.decode(json) ?? NeighbourMetrics())
        }
    }

    /// As stored: the task's object, nothing around it.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case let .genre(m): try m.encode(to: encoder)
        case let .popularity(m): try m.encode(to: encoder)
        case let .clusters(m): try m.encode(to: encoder)
        case let .neighbours(m): try m.encode(to: encoder)
        }
    }

    /// Every scalar metric the run has, by name (the stored JSON's keys).
    public var values: [Value] {
        func list(_ pairs: [(String, Double?)]) -> [Value] {
            pairs.compactMap { name, value in value.map { Value(name: name, value: $0) } }.sorted { $0.name < $1.name }
        }
        func double(_ n: Int?) -> Double? { n.map(Double.init) }
        switch self {
        case let .genre(m):
            return list([("accuracy", m.accuracy), ("top3_accuracy", m.top3Accuracy), ("any_tag_accuracy", m.anyTagAccuracy),
                         ("macro_precision", m.macroPrecision), ("macro_recall", m.macroRecall), ("macro_f1", m.macroF1),
                         ("weighted_precision", m.weightedPrecision), ("weighted_recall", m.weightedRecall),
                         ("weighted_f1", m.weightedF1), ("holdout_rows", double(m.holdoutRows))])
        case let .popularity(m):
            return list([("mae", m.mae), ("mse", m.mse), ("rmse", m.rmse), ("r2", m.r2), ("holdout_rows", double(m.holdoutRows)),
                         ("shap_expected_value", m.shapExpectedValue)])
        case let .clusters(m):
            return list([("inertia", m.inertia), ("silhouette", m.silhouette), ("iterations", double(m.iterations))])
        case let .neighbours(m):
            return list([("k", double(m.k)), ("tracks", double(m.tracks)), ("mean_nearest_distance", m.meanNearestDistance),
                         ("copies_skipped", double(m.copiesSkipped)), ("tracks_with_fewer_than_k", double(m.tracksWithFewerThanK))])
        }
    }

    /// The scalar metric `name`, if the run has it.
    public func value(_ name: String) -> Double? { values.first { $0.name == name }?.value }

    /// Tracks the audio-space tasks left out for want of audio features (nil for other tasks and older runs).
    public var tracksWithoutAudioSkipped: Int? {
        switch self {
        case let .clusters(m): m.tracksWithoutAudioSkipped
        case let .neighbours(m): m.tracksWithoutAudioSkipped
        case .genre, .popularity: nil
        }
    }

    public var genre: GenreMetrics? { if case let .genre(m) = self { m } else { nil } }
    public var popularity: PopularityMetrics? { if case let .popularity(m) = self { m } else { nil } }
    public var clusters: ClusterMetrics? { if case let .clusters(m) = self { m } else { nil } }
}

public extension RunMetrics.GenreMetrics {
    /// Per-genre F1, best first; ties by genre name, so every listing shows the same order.
    var perGenreF1Ranked: [(genre: String, f1: Double)] {
        (perGenreF1 ?? [:]).map { (genre: $0.key, f1: $0.value) }.sorted { $0.f1 != $1.f1 ? $0.f1 > $1.f1 : $0.genre < $1.genre }
    }

    /// No metrics (for a page without a genre champion).
    static var empty: Self { Self() }
}
