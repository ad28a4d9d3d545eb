/// What `jukebox train` is asked to train: one task, or all of them.
public enum TrainingTarget: String, CaseIterable, Sendable {
    case genre, popularity, clusters, neighbours, all

    /// The tasks to run, in order. `features` (nil: the default) applies to genre and popularity; `all` trains them on
    /// every feature set unless one is given; clusters and neighbours read audio only.
    public func plan(features: FeatureSet?) -> [(TrainingTask, FeatureSet)] {
        switch self {
        case .all: return TrainingTask.plan(featureSets: features.map { [$0] } ?? FeatureSet.allCases)
        case .genre: return [(.genre, features ?? .full)]
        case .popularity: return [(.popularity, features ?? .full)]
        case .clusters: return [(.clusters, .audio)]
        case .neighbours: return [(.neighbours, .audio)]
        }
    }

    /// `all` also writes every playlist's continuation back after the tasks.
    public var writesPlaylists: Bool { self == .all }
}
