/// What `jukebox train` can fit.
public enum TrainingTask: String, CaseIterable, Sendable, Codable {
    case genre, popularity, clusters, neighbours
}

/// Which inputs a supervised model sees. `full` adds what the warehouse knows of a track's artists and
/// album (learned from training tracks only); `audio` is for tracks by artists the warehouse has never seen.
public enum FeatureSet: String, CaseIterable, Sendable, Codable {
    case full, audio
}

/// When a new run replaces the champion.
public enum PromotionPolicy: String, CaseIterable, Sendable {
    case always, never
    case ifBetter = "if-better"
}

extension TrainingTask {
    /// What `jukebox train all` and `jukebox retrain` train, in order: genre and popularity on each feature set,
    /// then clusters and neighbours (audio only).
    public static func plan(featureSets: [FeatureSet] = FeatureSet.allCases) -> [(TrainingTask, FeatureSet)] {
        featureSets.map { (.genre, $0) } + featureSets.map { (.popularity, $0) } + [(.clusters, .audio), (.neighbours, .audio)]
    }
}
