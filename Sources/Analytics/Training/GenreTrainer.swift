import Core
import Foundation
import GRDB
import Learning
import Store

/// Genre classification from `v_genre_training` (one row per track and genre tag).
public struct GenreTrainer: Sendable {
    public var featureSet: FeatureSet = .full
    /// The genre vocabulary (`genres.vocabulary`) whose labels are the classes; nil: the one with the most tagged
    /// tracks. Tags of other vocabularies ('hip hop' beside 'hip-hop') are not classes.
    public var taxonomy: String?
    public var boosting = BoostedTrees(objective: .softmax(classCount: 2))
    /// The full model's stacker: ranks candidate genres from the audio trees, tags and words (see `GenreModel`).
    public var stacking = BoostedTrees(objective: .binaryLogistic)
    public var holdout = Holdout()
    /// Shared by the runs of one `TrainingRunner`, so `train all` fits the audio trees once for both feature sets.
    var audioCache = GenreAudioCache()
    /// Holdout tracks whose per-track SHAP values are written (explanations of others are computed on demand).
    public var shapTracks = 500
    public var permutationRows = 800

    public static let audioColumns = AudioFeature.modelColumns + ["popularity"]

    public init() {
        // The learning bench's settings for 114 genres: few rounds at a high, capped learning rate, GOSS per class.
        // On the 114k dump the audio-only model reaches 0.373 with them (0.359 with 50 rounds of 15 leaves).
        boosting.rounds = 60
        boosting.learningRate = 0.2
        boosting.maxLeaves = 63
        boosting.minRowsPerLeaf = 5
        boosting.maxDeltaStep = 1
        boosting.maxBins = 127
        boosting.earlyStoppingRounds = 10
        boosting.gossTopRate = 0.2
        boosting.gossOtherRate = 0.1
        boosting.seed = 7
        stacking.rounds = 300
        stacking.learningRate = 0.05
        stacking.maxLeaves = 31
        stacking.minRowsPerLeaf = 50
        stacking.seed = 7
    }

    func fit(_ db: Database) throws -> TaskResult {
        let started = Date()
        let taxonomy = try Self.taxonomy(db, named: self.taxonomy)
        let rows = try ViewRows.read(db, view: "v_genre_training", numeric: Self.audioColumns, text: ["genre"], orderBy: "track_id, genre",
                                     filter: "vocabulary = ?", arguments: [taxonomy])
        guard rows.count > 0 else { throw AnalyticsError.notAnswerable("no tracks with audio features and genre tags to learn genres from; load a dump first") }
        let genreNames = rows.text["genre"]!.map { $0 ?? "" }
        let classNames = Array(Set(genreNames)).sorted()
        guard classNames.count >= 2 else { throw AnalyticsError.notAnswerable("genre training needs at least two genres; the warehouse has \(classNames.count)") }
        let code = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, $0) })
        let labels = genreNames.map { code[$0]! }
        let links = featureSet == .full ? try TrackLinks.read(db) : TrackLinks()

        var fitRows: [Int] = [], tuneRows: [Int] = [], testRows: [Int] = []
        for (i, id) in rows.trackIDs.enumerated() {
            if holdout.isTest(id) { testRows.append(i) } else if holdout.fold(id, folds: 5) == 0 { tuneRows.append(i) } else { fitRows.append(i) }
        }
        guard !fitRows.isEmpty, !tuneRows.isEmpty, !testRows.isEmpty else {
            throw AnalyticsError.notAnswerable("too few tracks (\(Set(rows.trackIDs).count)) to hold some out for evaluation")
        }
        var config = boosting
        config.objective = .softmax(classCount: classNames.count)
        let xFit = try rows.matrix(Self.audioColumns, rows: fitRows)
        let xTune = try rows.matrix(Self.audioColumns, rows: tuneRows)
        // The data's ingests, its size and every setting that shapes the audio trees identify them.
        let audioKey = "\(try DataVersion.read(db).ingestIDs)|\(rows.count)|\(config)|\(holdout)"
        let (audio, reusedAudio) = try audioCache.model(for: audioKey) {
            try config.fit(xFit, targets: fitRows.map { Double(labels[$0]) }, validation: (xTune, tuneRows.map { Double(labels[$0]) }))
        }

        // Tags each track carries (a track appears once per tag).
        var tagsOfTrack: [String: [Int]] = [:]
        for (i, id) in rows.trackIDs.enumerated() { tagsOfTrack[id, default: []].append(labels[i]) }
        let contextOf = featureSet == .full ? try TrackContext.readAll(db, links: links) : [:]
        let contexts = { (indices: [Int]) in indices.map { contextOf[rows.trackIDs[$0]] ?? TrackContext() } }
        /// One entry per track of the given rows, with all its tags.
        func tracks(_ indices: [Int]) -> [(context: TrackContext, tags: [Int])] {
            var seen = Set<String>()
            return indices.compactMap { i in
                let id = rows.trackIDs[i]
                guard seen.insert(id).inserted else { return nil }
                return (contextOf[id] ?? TrackContext(), tagsOfTrack[id]!)
            }
        }

        var model = GenreModel(audio: audio, classNames: classNames)
        if featureSet == .full {
            // The stacker learns on held-in tracks the evidence did not see, as holdout tracks will be scored;
            // then the evidence is learned again from every training track.
            let fitEvidence = try GenreEvidence.learn(tracks: tracks(fitRows), classCount: classNames.count)
            var firstTuneRows: [Int] = [], seenTune = Set<String>()
            for i in tuneRows where seenTune.insert(rows.trackIDs[i]).inserted { firstTuneRows.append(i) }
            let tuneAudio = try audio.predictProbabilities(try rows.matrix(Self.audioColumns, rows: firstTuneRows))
            let pairs = try GenreModel.stackingPairs(evidence: fitEvidence, audio: tuneAudio, contexts: contexts(firstTuneRows),
                                                     tags: firstTuneRows.map { tagsOfTrack[rows.trackIDs[$0]]! })
            model.stacker = try stacking.fit(pairs.x, targets: pairs.labels)
            model.evidence = try GenreEvidence.learn(tracks: tracks(fitRows + tuneRows), classCount: classNames.count)
        }
        let fitSeconds = Date().timeIntervalSince(started)

        let xTest = try rows.matrix(Self.audioColumns, rows: testRows)
        let testScores = try model.predictProbabilities(xTest, contexts: contexts(testRows))
        let metrics = try Self.metrics(truth: testRows.map { labels[$0] }, scores: testScores, classNames: classNames,
                                       tagsOfRow: testRows.map { tagsOfTrack[rows.trackIDs[$0]]! })

        // Importances from the audio trees, the blended model's permutation importance, mean |SHAP| of the audio model.
        let permutationSample = Array(testRows.prefix(permutationRows))
        let permutation = try PermutationImportance(repeats: 3, seed: 11).compute(
            try rows.matrix(Self.audioColumns, rows: permutationSample), targets: permutationSample.map { Double(labels[$0]) },
            predict: { x in try model.predictProbabilities(x, contexts: contexts(permutationSample)).argmaxPerRow().map(Double.init) },
            score: { truth, predicted in try ClassificationMetrics.accuracy(truth: truth.map { Int($0) }, predicted: predicted.map { Int($0) }) })
        let gain = audio.featureImportance(.gain), splits = audio.featureImportance(.splitCount)

        // The holdout evaluation's own answers: one per holdout track (its features are the same on every tag row).
        var firstTestRow: [Int] = []
        for (r, i) in testRows.enumerated() where r == 0 || rows.trackIDs[i] != rows.trackIDs[testRows[r - 1]] { firstTestRow.append(r) }
        let predictedTest = testScores.argmaxPerRow()
        let k = classNames.count
        let holdoutAnswers = firstTestRow.map { r in
            (trackID: rows.trackIDs[testRows[r]], genres: TopGenres.of(testScores.values[(r * k)..<((r + 1) * k)], classNames: classNames))
        }

        // SHAP of the predicted class for a sample of holdout tracks, and mean |SHAP| over that sample.
        let shapSample = firstTestRow.prefix(shapTracks)
        var shapRows: [(trackID: String, values: [Double])] = []
        var meanAbsoluteShap = [Double](repeating: 0, count: Self.audioColumns.count)
        let byClass = Dictionary(grouping: shapSample, by: { predictedTest[$0] })
        let explainer = TreeSHAP()
        for (predictedClass, members) in byClass {
            let x = try rows.matrix(Self.audioColumns, rows: members.map { testRows[$0] })
            let (values, _) = try explainer.explain(audio, x, output: predictedClass)
            for (r, member) in members.enumerated() {
                let contribution = Array(values.row(r))
                shapRows.append((rows.trackIDs[testRows[member]], contribution))
                for c in contribution.indices { meanAbsoluteShap[c] += abs(contribution[c]) / Double(max(1, shapSample.count)) }
            }
        }

        // Scored on the holdout above; served with evidence learned from every track (scikit-learn's refit), so a new
        // track by an artist seen only in the holdout is known. The trees keep what the holdout did not teach them.
        var served = model
        let trackCount = Set(rows.trackIDs).count
        if featureSet == .full {
            served.evidence = try GenreEvidence.learn(tracks: tracks(Array(0..<rows.count)), classCount: classNames.count)
        }
        let blob = ModelCoder.encode(served)
        // Every track's served answer, by the path `predict` and `explain` take.
        let servedAnswers = try WarehouseAnswers.of(db, champions: featureSet == .full ? .init(genreFull: served) : .init(genreAudio: served))
        let hyperparameters = RunHyperparameters.Genre(
            rounds: config.rounds, roundsKept: audio.roundCount, learningRate: config.learningRate,
            maxLeaves: config.maxLeaves, minRowsPerLeaf: config.minRowsPerLeaf, l2: config.l2,
            earlyStoppingRounds: config.earlyStoppingRounds ?? 0, gossTopRate: config.gossTopRate ?? 0,
            features: Self.audioColumns,
            holdoutPercent: Int(holdout.testPercent), classes: classNames.count, audioTreesReused: reusedAudio,
            stackerRounds: featureSet == .full ? stacking.rounds : 0, stackerLearningRate: stacking.learningRate,
            stackerMaxLeaves: stacking.maxLeaves, stackerFeatures: featureSet == .full ? GenreEvidence.featureNames : [],
            taxonomy: taxonomy, holdoutTracks: Set(testRows.map { rows.trackIDs[$0] }).count, servedTracks: trackCount,
            servedOnAllTracks: featureSet == .full)
        let columns = Self.audioColumns
        return TaskResult(
            task: .genre, featureSet: featureSet,
            algorithm: featureSet == .full ? "boosted-trees+stacked-artist-album-song-words" : "boosted-trees",
            hyperparameters: .genre(hyperparameters), metrics: .genre(metrics), score: metrics.accuracy, scoreName: "accuracy",
            dataRows: rows.count, trainRows: fitRows.count + tuneRows.count, testRows: testRows.count, blob: blob,
            fitSeconds: fitSeconds,
            writeOutputs: { db, runID in
                let holdoutTracks = Set(holdoutAnswers.map(\.trackID))
                let servedWriter = try GenrePredictionWriter(db, runID: runID)
                for answer in servedAnswers where !answer.genres.isEmpty {
                    try servedWriter.write(trackID: answer.trackID, genres: answer.genres, inHoldout: holdoutTracks.contains(answer.trackID))
                }
                let holdoutWriter = try GenrePredictionWriter(db, runID: runID, answers: .holdout)
                for answer in holdoutAnswers { try holdoutWriter.write(trackID: answer.trackID, genres: answer.genres) }
                try ImportanceWriter.write(db, runID: runID, features: columns, gain: gain, splitCount: splits,
                                           permutation: permutation, meanAbsoluteShap: meanAbsoluteShap)
                try ImportanceWriter.writeShap(db, runID: runID, features: columns, rows: shapRows)
            },
            scoreChampion: { blob in
                // A champion stored by an older Jukebox (another model kind) cannot be re-scored: its stored metric is compared.
                guard let champion = try? ModelCoder.decode(GenreModel.self, from: blob) else { return nil }
                guard champion.classNames == classNames, champion.audio.featureNames == columns else { return nil }
                let predicted = try champion.predictProbabilities(xTest, contexts: contexts(testRows)).argmaxPerRow()
                return try ClassificationMetrics.accuracy(truth: testRows.map { labels[$0] }, predicted: predicted)
            })
    }

    /// The vocabulary to learn: `name` when the warehouse has tags in it, else the one with the most tagged tracks
    /// with audio (ties: by name).
    static func taxonomy(_ db: Database, named name: String?) throws -> String {
        let counts = try Row.fetchAll(db, sql: """
            SELECT vocabulary, count(DISTINCT track_id) AS tracks FROM v_genre_training GROUP BY vocabulary ORDER BY tracks DESC, vocabulary
            """).map { (vocabulary: $0[0] as String, tracks: $0[1] as Int) }
        guard let name else {
            guard let first = counts.first else { throw AnalyticsError.notAnswerable("no tracks with audio features and genre tags to learn genres from; load a dump first") }
            return first.vocabulary
        }
        guard counts.contains(where: { $0.vocabulary == name }) else {
            let known = counts.map { "\($0.vocabulary) (\($0.tracks) tracks)" }.joined(separator: ", ")
            throw AnalyticsError.notAnswerable("no genre taxonomy '\(name)' among the warehouse's tagged tracks; it has \(known.isEmpty ? "none" : known)")
        }
        return name
    }

    /// Holdout metrics: accuracy counts a row right only for its own tag; any-tag accepts any tag of the track.
    static func metrics(truth: [Int], scores: ScoreMatrix, classNames: [String], tagsOfRow: [[Int]]) throws -> RunMetrics.GenreMetrics {
        let predicted = scores.argmaxPerRow()
        let report = try ClassificationMetrics.precisionRecallF1(truth: truth, predicted: predicted, classCount: classNames.count)
        let anyTag = Double(zip(predicted, tagsOfRow).filter { $1.contains($0) }.count) / Double(max(1, truth.count))
        var perGenre: [String: Double] = [:]
        for (i, name) in classNames.enumerated() where report.perClass[i].support > 0 { perGenre[name] = JSON.round(report.perClass[i].f1, 4) }
        return RunMetrics.GenreMetrics(
            accuracy: JSON.round(try ClassificationMetrics.accuracy(truth: truth, predicted: predicted)),
            top3Accuracy: JSON.round(try ClassificationMetrics.topKAccuracy(truth: truth, scores: scores, k: 3)),
            anyTagAccuracy: JSON.round(anyTag),
            macroPrecision: JSON.round(report.macroPrecision), macroRecall: JSON.round(report.macroRecall),
            macroF1: JSON.round(report.macroF1), weightedPrecision: JSON.round(report.weightedPrecision),
            weightedRecall: JSON.round(report.weightedRecall), weightedF1: JSON.round(report.weightedF1),
            holdoutRows: truth.count,
            perGenreF1: perGenre,
            confusionMatrix: .init(labels: classNames,
                                   counts: try ClassificationMetrics.confusionMatrix(truth: truth, predicted: predicted, classCount: classNames.count)))
    }
}
