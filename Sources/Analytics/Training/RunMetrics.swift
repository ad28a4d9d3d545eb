import Foundation

/// A model run's holdout metrics, typed per task: decoded from the JSON each trainer stores in `model_runs.metrics`.
/// A field the stored JSON lacks is nil.
public enum RunMetrics: Sendable, Equatable {
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

        public init() {}
    }

    public struct PopularityMetrics: Codable, Sendable, Equatable {
        public var mae: Double?
        public var mse: Double?
        public var rmse: Double?
        public var r2: Double?
        public var holdoutRows: Int?
        public var shapExpectedValue: Double?
    }

    public struct ClusterMetrics: Codable, Sendable, Equatable {
        public var inertia: Double?
        public var silhouette: Double?
        public var iterations: Int?
        public var clusterSizes: [Int]?
    }

    public struct NeighbourMetrics: Codable, Sendable, Equatable {
        public var k: Int?
        public var tracks: Int?
        public var meanNearestDistance: Double?
        public var copiesSkipped: Int?
        public var tracksWithFewerThanK: Int?
    }

    /// The stored JSON of a run of `task`; JSON that does not decode gives empty metrics.
    public static func decode(_ json: String, task: TrainingTask) -> RunMetrics {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        func decoded<M: Decodable>(_ type: M.Type, _ empty: M) -> M { (try? decoder.decode(type, from: Data(json.utf8))) ?? empty }
        switch task {
        case .genre: return .genre(decoded(GenreMetrics.self, GenreMetrics()))
        case .popularity: return .popularity(decoded(PopularityMetrics.self, PopularityMetrics()))
        case .clusters: return .clusters(decoded(ClusterMetrics.self, ClusterMetrics()))
        case .neighbours: return .neighbours(decoded(NeighbourMetrics.self, NeighbourMetrics()))
        }
    }

    /// Every scalar metric the run has, by name (the stored JSON's snake_case keys).
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

    public var genre: GenreMetrics? { if case let .genre(m) = self { m } else { nil } }
    public var clusters: ClusterMetrics? { if case let .clusters(m) = self { m } else { nil } }
}
