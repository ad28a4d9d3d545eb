import Foundation

/// A model run's hyperparameters, typed per task: what each trainer stores in `model_runs.hyperparameters` and what
/// every reader decodes. The coding keys are the stored JSON's keys (users query them with `json_extract`). A field
/// the stored JSON lacks (a run of an older Jukebox) is nil.
public enum RunHyperparameters: Sendable, Equatable, Encodable {
    case genre(Genre)
    case popularity(Popularity)
    case clusters(Clusters)
    case neighbours(Neighbours)

    /// Boosted audio trees, and for `full` features a stacker over artist, album, song and title-word evidence.
    public struct Genre: Codable, Sendable, Equatable {
        public var rounds: Int?
        public var roundsKept: Int?
        public var learningRate: Double?
        public var maxLeaves: Int?
        public var minRowsPerLeaf: Int?
        public var l2: Double?
        public var earlyStoppingRounds: Int?
        public var gossTopRate: Double?
        public var features: [String]?
        public var holdoutPercent: Int?
        public var classes: Int?
        public var audioTreesReused: Bool?
        public var stackerRounds: Int?
        public var stackerLearningRate: Double?
        public var stackerMaxLeaves: Int?
        public var stackerFeatures: [String]?
        /// The genre vocabulary the classes come from.
        public var taxonomy: String?
        public var holdoutTracks: Int?
        public var servedTracks: Int?
        public var servedOnAllTracks: Bool?

        enum CodingKeys: String, CodingKey {
            case rounds, roundsKept = "rounds_kept", learningRate = "learning_rate", maxLeaves = "max_leaves"
            case minRowsPerLeaf = "min_rows_per_leaf", l2, earlyStoppingRounds = "early_stopping_rounds", gossTopRate = "goss_top_rate"
            case features, holdoutPercent = "holdout_percent", classes, audioTreesReused = "audio_trees_reused"
            case stackerRounds = "stacker_rounds", stackerLearningRate = "stacker_learning_rate", stackerMaxLeaves = "stacker_max_leaves"
            case stackerFeatures = "stacker_features", taxonomy, holdoutTracks = "holdout_tracks", servedTracks = "served_tracks"
            case servedOnAllTracks = "served_on_all_tracks"
        }
    }

    public struct Popularity: Codable, Sendable, Equatable {
        public var rounds: Int?
        public var learningRate: Double?
        public var maxLeaves: Int?
        public var minRowsPerLeaf: Int?
        public var l2: Double?
        public var features: [String]?
        public var categorical: [String]?
        public var relationSmoothing: Double?
        public var holdoutPercent: Int?
        public var holdoutTracks: Int?
        public var servedTracks: Int?
        public var servedOnAllTracks: Bool?

        enum CodingKeys: String, CodingKey {
            case rounds, learningRate = "learning_rate", maxLeaves = "max_leaves", minRowsPerLeaf = "min_rows_per_leaf", l2, features
            case categorical, relationSmoothing = "relation_smoothing", holdoutPercent = "holdout_percent", holdoutTracks = "holdout_tracks"
            case servedTracks = "served_tracks", servedOnAllTracks = "served_on_all_tracks"
        }
    }

    public struct Clusters: Codable, Sendable, Equatable {
        public var k: Int?
        public var restarts: Int?
        public var seed: Int?
        /// How the centroids start (`k-means++`).
        public var initialization: String?
        public var features: [String]?
        public var standardized: Bool?
        /// The standardization the run clustered in: cluster profiles read "how far from the mean track" from it.
        public var featureMeans: [Double]?
        public var featureScales: [Double]?

        enum CodingKeys: String, CodingKey {
            case k, restarts, seed, initialization = "init", features, standardized, featureMeans = "feature_means"
            case featureScales = "feature_scales"
        }
    }

    public struct Neighbours: Codable, Sendable, Equatable {
        public var k: Int?
        public var searched: Int?
        public var onePerSong: Bool?
        public var metric: String?
        public var features: [String]?
        public var standardized: Bool?

        enum CodingKeys: String, CodingKey {
            case k, searched, onePerSong = "one_per_song", metric, features, standardized
        }
    }

    /// The stored JSON of a run of `task`; JSON that does not decode gives empty hyperparameters.
    public static func decode(_ json: String, task: TrainingTask) -> RunHyperparameters {
        switch task {
        case .genre: return .genre(JSON.decode(json) ?? Genre())
        case .popularity: return .popularity(JSON.decode(json) ?? Popularity())
        case .clusters: return .clusters(JSON.decode(json) ?? Clusters())
        case .neighbours: return .neighbours(JSON.decode(json) ?? Neighbours())
        }
    }

    /// As stored: the task's object, nothing around it.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case let .genre(h): try h.encode(to: encoder)
        case let .popularity(h): try h.encode(to: encoder)
        case let .clusters(h): try h.encode(to: encoder)
        case let .neighbours(h): try h.encode(to: encoder)
        }
    }

    /// How many tracks the run was scored on and how many its served model learned from, and whether that includes
    /// the held-out ones (genre and popularity runs; nil for the others and for runs of an older Jukebox).
    public var served: (holdoutTracks: Int, servedTracks: Int, onAllTracks: Bool)? {
        switch self {
        case let .genre(h): h.holdoutTracks.flatMap { holdout in h.servedTracks.map { (holdout, $0, h.servedOnAllTracks ?? false) } }
        case let .popularity(h): h.holdoutTracks.flatMap { holdout in h.servedTracks.map { (holdout, $0, h.servedOnAllTracks ?? false) } }
        case .clusters, .neighbours: nil
        }
    }

    public var genre: Genre? { if case let .genre(h) = self { h } else { nil } }
    public var clusters: Clusters? { if case let .clusters(h) = self { h } else { nil } }
    public var neighbours: Neighbours? { if case let .neighbours(h) = self { h } else { nil } }
}

