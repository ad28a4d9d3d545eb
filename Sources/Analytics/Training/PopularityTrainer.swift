import Core
import Foundation
import GRDB
import Learning
import Store

/// Popularity regression over the tracks of `v_popularity_training` (one row per track, built from its record).
public struct PopularityTrainer: Sendable {
    public var featureSet: FeatureSet = .full
    public var boosting = BoostedTrees(objective: .squaredError)
    public var holdout = Holdout()
    public var shapTracks = 1000
    public var permutationRows = 2000

    public static let audioColumns = AudioFeature.modelColumns

    public init() {
        boosting.rounds = 500
        boosting.learningRate = 0.05
        boosting.maxLeaves = 63
        boosting.minRowsPerLeaf = 20
        boosting.seed = 5
    }

    var columns: [String] {
        Self.audioColumns + ["genre"] + (featureSet == .full ? PopularityModel.relationColumns : [])
    }

    func fit(_ db: Database) throws -> TaskResult {
        let started = Date()
        let holdout = self.holdout
        let rows = try Self.trainingRows(db)
        guard rows.count > 0 else { throw AnalyticsError.notAnswerable("no tracks with popularity and audio features to learn from; load a dump first") }
        let genres = Array(Set(rows.text["genre"]!.compactMap { $0 })).sorted()
        let genreCode = Dictionary(uniqueKeysWithValues: genres.enumerated().map { ($1, Double($0)) })
        let genreColumn = rows.text["genre"]!.map { $0.flatMap { genreCode[$0] } ?? .nan }
        let popularity = rows.numeric["popularity"]!
        let links = try TrackLinks.read(db)
        let artistsOf = { (i: Int) in links.artistsOfTrack[rows.trackIDs[i]] ?? [] }
        let albumOf = { (i: Int) in links.albumOfTrack[rows.trackIDs[i]] }

        var trainRows: [Int] = [], testRows: [Int] = []
        for (i, id) in rows.trackIDs.enumerated() { if holdout.isTest(id) { testRows.append(i) } else { trainRows.append(i) } }
        guard trainRows.count >= 10, !testRows.isEmpty else {
            throw AnalyticsError.notAnswerable("too few tracks (\(rows.count)) to hold some out for evaluation")
        }
        let globalMean = trainRows.reduce(0) { $0 + popularity[$1] } / Double(trainRows.count)
        func tallies(_ indices: [Int]) -> (PopularityTally, PopularityTally) {
            var artistTally = PopularityTally(), albumTally = PopularityTally()
            for i in indices {
                for artist in artistsOf(i) { artistTally.add(key: artist, popularity: popularity[i]) }
                if let album = albumOf(i) { albumTally.add(key: album, popularity: popularity[i]) }
            }
            return (artistTally, albumTally)
        }
        // Relational columns: out-of-fold for training tracks (5 folds), from all training tracks otherwise.
        var relation = [[Double]](repeating: [], count: PopularityModel.relationColumns.count)
        let (allArtists, allAlbums) = tallies(trainRows)
        if featureSet == .full {
            var values = [[Double]](repeating: [.nan, .nan, .nan, .nan], count: rows.count)
            let folds = Dictionary(grouping: trainRows, by: { holdout.fold(rows.trackIDs[$0], folds: 5) })
            for (fold, members) in folds {
                let (artistTally, albumTally) = tallies(trainRows.filter { holdout.fold(rows.trackIDs[$0], folds: 5) != fold })
                for i in members {
                    values[i] = PopularityModel.relationValues(artists: artistsOf(i), album: albumOf(i), artistTally: artistTally,
                                                               albumTally: albumTally, prior: globalMean)
                }
            }
            for i in 0..<rows.count where holdout.isTest(rows.trackIDs[i]) {
                values[i] = PopularityModel.relationValues(artists: artistsOf(i), album: albumOf(i), artistTally: allArtists,
                                                           albumTally: allAlbums, prior: globalMean)
            }
            relation = (0..<4).map { c in values.map { $0[c] } }
        }
        let extra = [("genre", genreColumn)] + (featureSet == .full ? zip(PopularityModel.relationColumns, relation).map { ($0, $1) } : [])
        let matrix = { (indices: [Int]) in try rows.matrix(Self.audioColumns, extra: extra, rows: indices, categorical: ["genre"]) }
        let xTrain = try matrix(trainRows)
        let trees = try boosting.fit(xTrain, targets: trainRows.map { popularity[$0] })
        let model = PopularityModel(trees: trees, genres: genres, artistPopularity: featureSet == .full ? allArtists : PopularityTally(),
                                    albumPopularity: featureSet == .full ? allAlbums : PopularityTally(), globalMean: globalMean,
                                    usesRelations: featureSet == .full)
        // Scored on the holdout below with `model`; served with the artist and album records of every track (scikit-learn's
        // refit), so a new track by an artist seen only in the holdout is known. The trees keep what the holdout did not teach them.
        var served = model
        if featureSet == .full { (served.artistPopularity, served.albumPopularity) = tallies(Array(0..<rows.count)) }
        let fitSeconds = Date().timeIntervalSince(started)

        let xTest = try matrix(testRows)
        let truth = testRows.map { popularity[$0] }
        let predictedTest = try model.predict(xTest)
        var metrics = try Self.metrics(truth: truth, predicted: predictedTest)

        // Every track's served answer, by the path `predict` and `explain` take; the holdout keeps the evaluated answers apart.
        let servedAnswers = try WarehouseAnswers.of(db, champions: featureSet == .full ? .init(popularityFull: served) : .init(popularityAudio: served))
        let names = xTrain.columnNames
        let permutationSample = Array(testRows.prefix(permutationRows))
        let permutation = try PermutationImportance(repeats: 3, seed: 13).compute(
            try matrix(permutationSample), targets: permutationSample.map { popularity[$0] },
            predict: { try model.predict($0) }, score: { try RegressionMetrics.r2(truth: $0, predicted: $1) })
        let shapSample = Array(testRows.prefix(shapTracks))
        let (shapValues, shapBase) = try TreeSHAP().explain(trees, try matrix(shapSample))
        var meanAbsoluteShap = [Double](repeating: 0, count: names.count)
        var shapRows: [(trackID: String, values: [Double])] = []
        for (r, i) in shapSample.enumerated() {
            let contribution = Array(shapValues.row(r))
            shapRows.append((rows.trackIDs[i], contribution))
            for c in contribution.indices { meanAbsoluteShap[c] += abs(contribution[c]) / Double(shapSample.count) }
        }
        // A prediction is this base plus its row's SHAP values (lets SQL users check shap_values).
        metrics.shapExpectedValue = JSON.round(shapBase)
        let gain = trees.featureImportance(.gain), splits = trees.featureImportance(.splitCount)
        let hyperparameters = RunHyperparameters.Popularity(
            rounds: boosting.rounds, learningRate: boosting.learningRate, maxLeaves: boosting.maxLeaves,
            minRowsPerLeaf: boosting.minRowsPerLeaf, l2: boosting.l2, features: names,
            categorical: ["genre"], relationSmoothing: PopularityModel.smoothing, holdoutPercent: Int(holdout.testPercent),
            holdoutTracks: testRows.count, servedTracks: rows.count, servedOnAllTracks: featureSet == .full)
        return TaskResult(
            task: .popularity, featureSet: featureSet, algorithm: "boosted-trees", hyperparameters: .popularity(hyperparameters),
            metrics: .popularity(metrics), score: metrics.r2, scoreName: "r2", dataRows: rows.count,
            trainRows: trainRows.count, testRows: testRows.count, blob: ModelCoder.encode(served), fitSeconds: fitSeconds,
            writeOutputs: { db, runID in
                let holdoutTracks = Set(testRows.map { rows.trackIDs[$0] })
                let servedWriter = try PopularityPredictionWriter(db, runID: runID)
                for answer in servedAnswers {
                    guard let popularity = answer.popularity else { continue }
                    try servedWriter.write(trackID: answer.trackID, popularity: popularity, inHoldout: holdoutTracks.contains(answer.trackID))
                }
                let holdoutWriter = try PopularityPredictionWriter(db, runID: runID, answers: .holdout)
                for (r, i) in testRows.enumerated() { try holdoutWriter.write(trackID: rows.trackIDs[i], popularity: predictedTest[r]) }
                try ImportanceWriter.write(db, runID: runID, features: names, gain: gain, splitCount: splits,
                                           permutation: permutation, meanAbsoluteShap: meanAbsoluteShap)
                try ImportanceWriter.writeShap(db, runID: runID, features: names, rows: shapRows)
            },
            scoreChampion: { blob in
                let champion = try ModelCoder.decode(PopularityModel.self, from: blob)
                guard champion.trees.featureNames == names, champion.genres == genres else { return nil }
                return try RegressionMetrics.r2(truth: truth, predicted: try champion.predict(xTest))
            })
    }

    /// One track's own features as the trees read them, for training and for every served answer (`Predictor`): its
    /// audio values in `audioColumns` order (NaN when missing) and its first genre.
    static func features(of record: TrackRecord) -> (audio: [Double], genre: String?) {
        let values = Predictor.audioValues(record)
        return (audioColumns.map { values[$0]! }, FirstGenre.of(record.genres))
    }

    /// The tracks `v_popularity_training` selects, each row built from the track's record by `features(of:)`, so a
    /// track trains on the row it is answered from.
    static func trainingRows(_ db: Database) throws -> ViewRows {
        let ids = try String.fetchAll(db, sql: "SELECT track_id FROM v_popularity_training ORDER BY track_id")
        var rows = ViewRows()
        for column in ["popularity"] + audioColumns { rows.numeric[column] = [] }
        rows.text["genre"] = []
        for record in try WarehouseTrackRecords.read(db, trackIDs: ids) {
            let features = features(of: record)
            rows.trackIDs.append(record.trackID)
            rows.numeric["popularity"]!.append(record.popularity.map(Double.init) ?? .nan)
            for (c, column) in audioColumns.enumerated() { rows.numeric[column]!.append(features.audio[c]) }
            rows.text["genre"]!.append(features.genre)
        }
        return rows
    }

    static func metrics(truth: [Double], predicted: [Double]) throws -> RunMetrics.PopularityMetrics {
        RunMetrics.PopularityMetrics(
            mae: JSON.round(try RegressionMetrics.meanAbsoluteError(truth: truth, predicted: predicted)),
            mse: JSON.round(try RegressionMetrics.meanSquaredError(truth: truth, predicted: predicted)),
            rmse: JSON.round(try RegressionMetrics.rootMeanSquaredError(truth: truth, predicted: predicted)),
            r2: JSON.round(try RegressionMetrics.r2(truth: truth, predicted: predicted)),
            holdoutRows: truth.count)
    }
}
