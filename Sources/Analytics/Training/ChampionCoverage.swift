import Core
import Foundation
import GRDB
import Learning
import Store

/// The answers a champion owes: tracks its written-back outputs do not cover (loaded after it was trained, or left
/// without a row) get its answers, tagged with its run id, so after every retrain, whoever won, every track the
/// champions can answer has a genre, popularity, cluster and neighbours row. Nothing is refitted: genres and
/// popularity come from the stored models, a cluster from the stored k-means model in the champion's standardization, neighbours from an exact
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

    /// New tracks join the stored k-means model's nearest centroid, standardized as the champion clustered (its run
    /// keeps the means and scales), so tracks loaded since do not move the units its centroids are in.
    private static func clusters(_ db: Database, _ champion: ModelRuns.Champion) throws -> Int {
        guard let blob = champion.blob, let model = try? ModelCoder.decode(KMeansModel.self, from: blob) else { return 0 }
        let space = try AudioSpace.read(db)
        let covered = Set(try String.fetchAll(db, sql: "SELECT track_id FROM cluster_assignments WHERE run_id = ?", arguments: [champion.runID]))
        let rows = space.trackIDs.indices.filter { !covered.contains(space.trackIDs[$0]) }
        guard !rows.isEmpty else { return 0 }
        let spread = try ClusterProfile.featureSpread(db, runID: champion.runID)
        let columns = AudioSpace.columns, d = columns.count
        var values: [Double] = []
        values.reserveCapacity(rows.count * d)
        for r in rows {
            for (c, column) in columns.enumerated() {
                let (mean, sd) = spread[column] ?? (mean: space.means[c], sd: space.scales[c])
                values.append((space.raw.values[r * d + c] - mean) / (sd > 0 ? sd : 1))
            }
        }
        let standardized = try FeatureMatrix(rowCount: rows.count, columnCount: d, values: values, columnNames: columns)
        try ClusterAssignmentWriter(db, runID: champion.runID).write(trackIDs: rows.map { space.trackIDs[$0] }, rows: standardized, model: model)
        return rows.count
    }

    /// Each uncovered track's list by the search training runs (`NeighbourTrainer.lists`, with the champion's k and
    /// search depth), and the uncovered track added to every covered track's list where it is nearer than that list's
    /// k-th (or the list is short). Distances are measured in today's standardized space (a neighbours run keeps no
    /// standardization), which differs from the champion's by what the new tracks moved the means.
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
        // A run of an older Jukebox kept no k: its lists are k long (only a search that ran out of songs left one shorter).
        let stored = try ModelRuns.find(db, id: champion.runID)?.hyperparameters.neighbours
        let k = stored?.k ?? lists.values.map(\.count).max() ?? 0
        let searched = min(stored?.searched ?? k + NeighbourTrainer().searchMargin, n - 1)
        let songs = try SongNeighbours.read(db)
        let writer = try NeighbourListWriter(db, runID: champion.runID)
        let found = try NeighbourTrainer.lists(k, searched: searched, of: missing, in: space, songs: songs)
        for (i, list) in zip(missing, found) {
            try writer.write(trackID: space.trackIDs[i], neighbours: list.kept)
        }
        // The new tracks each covered list could take: its nearest ones (as deep as training searches), those nearer
        // than its k-th; then the list is rewritten nearest first, still one per song.
        let listed = (0..<n).filter { lists[space.trackIDs[$0]] != nil }
        guard !listed.isEmpty else { return missing.count }
        let newcomers = try NearestNeighbours(metric: .euclidean).fit(try NeighbourTrainer.points(missing, of: space))
            .query(try NeighbourTrainer.points(listed, of: space), k: min(searched, missing.count))
        for (q, j) in listed.enumerated() {
            let owner = space.trackIDs[j], farthest = lists[owner]!.farthest
            let joining = newcomers.neighbours(of: q).filter { $0.distance < farthest }
                .map { (id: space.trackIDs[missing[$0.index]], distance: JSON.round($0.distance, 5)) }
            guard !joining.isEmpty else { continue }
            let current = try Row.fetchAll(db, sql: "SELECT neighbour_track_id, distance FROM track_neighbours WHERE run_id = ? AND track_id = ?",
                                           arguments: [champion.runID, owner]).map { (id: $0[0] as String, distance: $0[1] as Double) }
            let list = songs.list(k, of: (current + joining).sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }, owner: owner).kept
            try writer.replace(trackID: owner, neighbours: list)
        }
        return missing.count
    }
}
