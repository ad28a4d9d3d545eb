import Core
import Foundation
import GRDB
import Learning
import Store

/// The answers a champion owes: tracks its written-back outputs do not cover (loaded after it was trained, or left
/// without a row) get its answers, tagged with its run id, so after every retrain, whoever won, every track the
/// champions can answer has a genre, popularity, cluster and neighbours row. Nothing is refitted: genres and
/// popularity come from the stored models, a cluster from the nearest stored centroid, neighbours from an exact
/// search in audio space, and each new track joins the lists of the tracks it is nearer to than their k-th neighbour.
/// Rows written here are not in the holdout (`in_holdout` 0): the run's holdout figures stay those it was scored on.
enum ChampionCoverage {
    /// Fills the gaps of the champion of `task`/`featureSet`; returns how many tracks got rows (0 without a champion).
    static func fill(_ db: Database, task: TrainingTask, featureSet: FeatureSet) throws -> Int {
        guard let champion = try ModelRuns.champion(db, task: task, featureSet: featureSet) else { return 0 }
        switch task {
        case .genre: return try genre(db, champion, featureSet)
        case .popularity: return try popularity(db, champion, featureSet)
        case .clusters: return try clusters(db, champion)
        case .neighbours: return try neighbours(db, champion)
        }
    }

    /// Tracks without a row of `runID` in `table`, in track id order.
    private static func uncovered(_ db: Database, _ table: String, _ runID: Int64) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT t.track_id FROM tracks t WHERE NOT EXISTS (SELECT 1 FROM \(table) p WHERE p.run_id = ? AND p.track_id = t.track_id)
            ORDER BY t.track_id
            """, arguments: [runID])
    }

    /// The answers `predict` and `explain` give with this champion alone, for the tracks its outputs lack: those with
    /// audio, and (a `full` champion) those without audio whose artists it knows ("relations"). One path: `WarehouseAnswers`.
    private static func answers(_ db: Database, _ table: String, _ runID: Int64, champions: Predictor.Champions) throws -> [Predictor.Answer] {
        let ids = try uncovered(db, table, runID)
        guard !ids.isEmpty else { return [] }
        return try WarehouseAnswers.of(db, trackIDs: ids, champions: champions)
    }

    private static func genre(_ db: Database, _ champion: ModelRuns.Champion, _ featureSet: FeatureSet) throws -> Int {
        // A champion stored by an older Jukebox (another model kind) answers nothing new.
        guard let blob = champion.blob, let model = try? ModelCoder.decode(GenreModel.self, from: blob) else { return 0 }
        let champions = featureSet == .full ? Predictor.Champions(genreFull: model) : Predictor.Champions(genreAudio: model)
        let writer = try GenrePredictionWriter(db, runID: champion.runID)
        var filled = 0
        for answer in try answers(db, "genre_predictions", champion.runID, champions: champions) where !answer.genres.isEmpty {
            try writer.write(trackID: answer.trackID, genres: answer.genres)
            filled += 1
        }
        return filled
    }

    private static func popularity(_ db: Database, _ champion: ModelRuns.Champion, _ featureSet: FeatureSet) throws -> Int {
        guard let blob = champion.blob, let model = try? ModelCoder.decode(PopularityModel.self, from: blob) else { return 0 }
        let champions = featureSet == .full ? Predictor.Champions(popularityFull: model) : Predictor.Champions(popularityAudio: model)
        let writer = try PopularityPredictionWriter(db, runID: champion.runID)
        var filled = 0
        for answer in try answers(db, "popularity_predictions", champion.runID, champions: champions) {
            guard let popularity = answer.popularity else { continue }
            try writer.write(trackID: answer.trackID, popularity: popularity)
            filled += 1
        }
        return filled
    }

    private static func clusters(_ db: Database, _ champion: ModelRuns.Champion) throws -> Int {
        let space = try AudioSpace.read(db)
        let centroids = try ClusterIDs.championCentroids(db, space: space).sorted { $0.key < $1.key }
        guard !centroids.isEmpty else { return 0 }
        let covered = Set(try String.fetchAll(db, sql: "SELECT track_id FROM cluster_assignments WHERE run_id = ?", arguments: [champion.runID]))
        let writer = try ClusterAssignmentWriter(db, runID: champion.runID)
        let d = AudioSpace.columns.count, x = space.standardized.values
        var filled = 0
        for (r, id) in space.trackIDs.enumerated() where !covered.contains(id) {
            var best = (id: 0, squared: Double.infinity)
            for (cluster, centroid) in centroids {
                var squared = 0.0
                for c in 0..<d { let diff = x[r * d + c] - centroid[c]; squared += diff * diff }
                if squared < best.squared { best = (cluster, squared) }
            }
            try writer.write(trackID: id, clusterID: best.id, distance: best.squared.squareRoot())
            filled += 1
        }
        return filled
    }

    /// Exact neighbours (one per song) for each uncovered track, and the uncovered track added to every covered
    /// track's list where it is nearer than that list's k-th (or the list is short). Distances are measured in
    /// today's standardized space, which differs from the champion's by what the new tracks moved the means.
    private static func neighbours(_ db: Database, _ champion: ModelRuns.Champion) throws -> Int {
        let space = try AudioSpace.read(db)
        var lists: [String: (count: Int, farthest: Double)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT track_id, count(*), max(distance) FROM track_neighbours WHERE run_id = ? GROUP BY track_id",
                                    arguments: [champion.runID]) {
            lists[row[0]] = (row[1], row[2])
        }
        let n = space.trackIDs.count
        let missing = (0..<n).filter { lists[space.trackIDs[$0]] == nil }
        guard !missing.isEmpty, n > 1, !lists.isEmpty else { return 0 }
        // The champion's k is the length of its lists (only a search that ran out of songs left one shorter).
        let k = lists.values.map(\.count).max() ?? 0
        let songs = try SongNeighbours.read(db)
        /// The k nearest other songs among `candidates` (nearest first), each by its nearest copy.
        func onePerSong(_ owner: String, _ candidates: [(id: String, distance: Double)]) -> [(id: String, distance: Double)] {
            songs.list(k, of: candidates.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }, owner: owner).kept
        }
        let d = AudioSpace.columns.count, x = space.standardized.values
        let writer = try NeighbourListWriter(db, runID: champion.runID)
        var joining: [Int: [(id: String, distance: Double)]] = [:]
        var distances = [Double](repeating: 0, count: n)
        for i in missing {
            for j in 0..<n {
                var squared = 0.0
                for c in 0..<d { let diff = x[i * d + c] - x[j * d + c]; squared += diff * diff }
                distances[j] = squared.squareRoot()
            }
            // The nearest rows first; every row when copies of a few songs crowd them out.
            var list = onePerSong(space.trackIDs[i], nearest(4 * k + 20, to: i, distances).map { (space.trackIDs[$0], distances[$0]) })
            if list.count < k {
                list = onePerSong(space.trackIDs[i], (0..<n).filter { $0 != i }.map { (space.trackIDs[$0], distances[$0]) })
            }
            try writer.write(trackID: space.trackIDs[i], neighbours: list)
            for j in 0..<n where j != i {
                guard let existing = lists[space.trackIDs[j]], distances[j] < existing.farthest else { continue }
                joining[j, default: []].append((space.trackIDs[i], distances[j]))
            }
        }
        // Rewrites the lists a new track joins, nearest first, still one per song.
        for (j, newcomers) in joining {
            let owner = space.trackIDs[j]
            let current = try Row.fetchAll(db, sql: "SELECT neighbour_track_id, distance FROM track_neighbours WHERE run_id = ? AND track_id = ?",
                                           arguments: [champion.runID, owner]).map { (id: $0[0] as String, distance: $0[1] as Double) }
            let list = onePerSong(owner, current + newcomers.map { ($0.id, JSON.round($0.distance, 5)) })
            try writer.replace(trackID: owner, neighbours: list)
        }
        return missing.count
    }

    /// The `m` rows nearest by `distances`, other than `row`, nearest first (a bounded insertion, not a full sort).
    private static func nearest(_ m: Int, to row: Int, _ distances: [Double]) -> [Int] {
        var best: [Int] = []
        best.reserveCapacity(m + 1)
        for j in distances.indices where j != row {
            guard best.count < m || distances[j] < distances[best[best.count - 1]] else { continue }
            var low = 0, high = best.count
            while low < high { let mid = (low + high) / 2; if distances[best[mid]] <= distances[j] { low = mid + 1 } else { high = mid } }
            best.insert(j, at: low)
            if best.count > m { best.removeLast() }
        }
        return best
    }
}
