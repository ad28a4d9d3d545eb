import Foundation
import GRDB
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

/// Run records are typed per task, and the JSON they are stored as keeps its keys: runs written before the types
/// existed read back, and a run written now is the same text.
struct RunRecordTests {
    /// Runs stored by Jukebox 058797b (before the typed records), `jukebox train --genre-rounds 5 --clusters 3
    /// --neighbours 5` on data/samples' Spotify and top-hits dumps: the stored text, unchanged.
    static let storedBefore: [(task: String, featureSet: String, hyperparameters: String, metrics: String)] = [
        (task: "genre", featureSet: "full",
         hyperparameters: #"{"audio_trees_reused":false,"classes":16,"early_stopping_rounds":10,"features":["danceability","energy","key","loudness","mode","speechiness","acousticness","instrumentalness","liveness","valence","tempo","duration_ms","time_signature","explicit","popularity"],"goss_top_rate":0.2,"holdout_percent":20,"holdout_tracks":26,"l2":1,"learning_rate":0.2,"max_leaves":63,"min_rows_per_leaf":5,"rounds":5,"rounds_kept":5,"served_on_all_tracks":true,"served_tracks":158,"stacker_features":["artist_share","artist_count","artist_total","artist_mean_share","artist_max_share","lead_share","lead_total","album_share","album_total","credited_artists","known_artists","genre_prior","audio_probability","audio_rank","words_probability","words_rank","song_share","song_total"],"stacker_learning_rate":0.05,"stacker_max_leaves":31,"stacker_rounds":300,"taxonomy":"track_genre"}"#,
         metrics: #"{"accuracy":0.733333,"any_tag_accuracy":0.766667,"confusion_matrix":{"counts":[[22,0,0,0,0,0,1,0,0,0,0,0,0,0,0,1],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0]],"labels":["acoustic","afrobeat","alt-rock","alternative","ambient","anime","dub","j-pop","j-rock","punk","punk-rock","rock","samba","singer-songwriter","ska","songwriter"]},"holdout_rows":30,"macro_f1":0.057292,"macro_precision":0.057292,"macro_recall":0.057292,"per_genre_f1":{"acoustic":0.9167,"alt-rock":0,"ambient":0,"j-pop":0,"rock":0,"singer-songwriter":0,"songwriter":0},"top3_accuracy":0.8,"weighted_f1":0.733333,"weighted_precision":0.733333,"weighted_recall":0.733333}"#),
        (task: "genre", featureSet: "audio",
         hyperparameters: #"{"audio_trees_reused":true,"classes":16,"early_stopping_rounds":10,"features":["danceability","energy","key","loudness","mode","speechiness","acousticness","instrumentalness","liveness","valence","tempo","duration_ms","time_signature","explicit","popularity"],"goss_top_rate":0.2,"holdout_percent":20,"holdout_tracks":26,"l2":1,"learning_rate":0.2,"max_leaves":63,"min_rows_per_leaf":5,"rounds":5,"rounds_kept":5,"served_on_all_tracks":false,"served_tracks":158,"stacker_features":[],"stacker_learning_rate":0.05,"stacker_max_leaves":31,"stacker_rounds":0,"taxonomy":"track_genre"}"#,
         metrics: #"{"accuracy":0.8,"any_tag_accuracy":0.933333,"confusion_matrix":{"counts":[[24,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0],[1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]],"labels":["acoustic","afrobeat","alt-rock","alternative","ambient","anime","dub","j-pop","j-rock","punk","punk-rock","rock","samba","singer-songwriter","ska","songwriter"]},"holdout_rows":30,"macro_f1":0.055556,"macro_precision":0.05,"macro_recall":0.0625,"per_genre_f1":{"acoustic":0.8889,"alt-rock":0,"ambient":0,"j-pop":0,"rock":0,"singer-songwriter":0,"songwriter":0},"top3_accuracy":0.866667,"weighted_f1":0.711111,"weighted_precision":0.64,"weighted_recall":0.8}"#),
        (task: "popularity", featureSet: "full",
         hyperparameters: #"{"categorical":["genre"],"features":["danceability","energy","key","loudness","mode","speechiness","acousticness","instrumentalness","liveness","valence","tempo","duration_ms","time_signature","explicit","genre","artist_popularity","artist_tracks","album_popularity","album_tracks"],"holdout_percent":20,"holdout_tracks":56,"l2":1,"learning_rate":0.05,"max_leaves":63,"min_rows_per_leaf":20,"relation_smoothing":5,"rounds":500,"served_on_all_tracks":true,"served_tracks":299}"#,
         metrics: #"{"holdout_rows":56,"mae":12.364131,"mse":311.079476,"r2":0.488173,"rmse":17.637445,"shap_expected_value":49.168531}"#),
        (task: "popularity", featureSet: "audio",
         hyperparameters: #"{"categorical":["genre"],"features":["danceability","energy","key","loudness","mode","speechiness","acousticness","instrumentalness","liveness","valence","tempo","duration_ms","time_signature","explicit","genre"],"holdout_percent":20,"holdout_tracks":56,"l2":1,"learning_rate":0.05,"max_leaves":63,"min_rows_per_leaf":20,"relation_smoothing":5,"rounds":500,"served_on_all_tracks":false,"served_tracks":299}"#,
         metrics: #"{"holdout_rows":56,"mae":15.837462,"mse":508.941538,"r2":0.162626,"rmse":22.559733,"shap_expected_value":49.168573}"#),
        (task: "clusters", featureSet: "audio",
         hyperparameters: #"{"feature_means":[0.6206354515050168,0.5947110367892977,-7.724214046822742,0.05885585284280937,0.34717643979933094,0.03467058829431436,0.16106354515050172,0.5266675585284285,119.42228762541795],"feature_scales":[0.1431892737174796,0.2516103980760639,3.4240669741036256,0.05583841287171275,0.32699521156682626,0.1444232269312977,0.12043461197407059,0.24762617307080315,28.961442269310584],"features":["danceability","energy","loudness","speechiness","acousticness","instrumentalness","liveness","valence","tempo"],"init":"k-means++","k":3,"restarts":4,"seed":3,"standardized":true}"#,
         metrics: #"{"cluster_sizes":[49,144,106],"inertia":1717.19,"iterations":10,"silhouette":0.2242,"tracks_without_audio_skipped":0}"#),
        (task: "neighbours", featureSet: "audio",
         hyperparameters: #"{"features":["danceability","energy","loudness","speechiness","acousticness","instrumentalness","liveness","valence","tempo"],"k":5,"metric":"euclidean","one_per_song":true,"searched":25,"standardized":true}"#,
         metrics: #"{"copies_skipped":293,"k":5,"mean_nearest_distance":1.12523,"tracks":299,"tracks_with_fewer_than_k":0,"tracks_without_audio_skipped":0}"#),
    ]

    private static func warehouse(with runs: [(task: String, featureSet: String, hyperparameters: String, metrics: String)]) throws -> Warehouse {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-runrecords-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let warehouse = try Warehouse.open(path: folder.appendingPathComponent("w.sqlite").path)
        try warehouse.pool.write { db in
            for run in runs {
                try db.execute(sql: """
                    INSERT INTO model_runs (task, feature_set, algorithm, hyperparameters, metrics, status, started_at)
                    VALUES (?, ?, 'x', ?, ?, 'succeeded', '2026-12-08T02:45:07.231Z')
                    """, arguments: [run.task, run.featureSet, run.hyperparameters, run.metrics])
            }
        }
        return warehouse
    }

    @Test func runsStoredBeforeTheTypesDecodeWithTheirFigures() throws {
        let runs = try Self.warehouse(with: Self.storedBefore).read { try ModelRuns.all($0) }
        #expect(runs.map(\.task) == [.genre, .genre, .popularity, .popularity, .clusters, .neighbours])

        let genre = try #require(runs[1].metrics.genre)
        #expect(genre.accuracy == 0.8 && genre.anyTagAccuracy == 0.933333 && genre.top3Accuracy == 0.866667 && genre.holdoutRows == 30)
        #expect(genre.macroF1 == 0.055556 && genre.weightedPrecision == 0.64 && genre.perGenreF1?["acoustic"] == 0.8889)
        #expect(genre.confusionMatrix?.labels.count == 16 && genre.confusionMatrix?.counts[0][0] == 24)
        #expect(genre.perGenreF1Ranked.prefix(3).map(\.genre) == ["acoustic", "alt-rock", "ambient"])
        let genreHyper = try #require(runs[0].hyperparameters.genre)
        #expect(genreHyper.taxonomy == "track_genre" && genreHyper.classes == 16 && genreHyper.stackerFeatures?.count == 18)
        #expect(genreHyper.l2 == 1 && genreHyper.learningRate == 0.2 && genreHyper.audioTreesReused == false)
        #expect(runs[0].learnedFrom == "scored on 26 held-out tracks; served model learned from all 158 (its artist, album, song and "
            + "title-word evidence; its trees from the other 132)")
        #expect(runs[1].learnedFrom == "scored on 26 held-out tracks; served model learned from the other 132")

        #expect(runs[2].metrics.popularity == RunMetrics.PopularityMetrics(mae: 12.364131, mse: 311.079476, rmse: 17.637445, r2: 0.488173,
                                                                           holdoutRows: 56, shapExpectedValue: 49.168531))
        #expect(runs[3].hyperparameters == .popularity(.init(rounds: 500, learningRate: 0.05, maxLeaves: 63, minRowsPerLeaf: 20, l2: 1,
            features: ["danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness", "instrumentalness", "liveness",
                       "valence", "tempo", "duration_ms", "time_signature", "explicit", "genre"],
            categorical: ["genre"], relationSmoothing: 5, holdoutPercent: 20, holdoutTracks: 56, servedTracks: 299, servedOnAllTracks: false)))

        #expect(runs[4].metrics == .clusters(.init(inertia: 1717.19, silhouette: 0.2242, iterations: 10, clusterSizes: [49, 144, 106],
                                                  tracksWithoutAudioSkipped: 0)))
        let clusters = try #require(runs[4].hyperparameters.clusters)
        #expect(clusters.k == 3 && clusters.initialization == "k-means++" && clusters.featureMeans?.count == 9 && clusters.featureScales?[8] == 28.961442269310584)
        #expect(runs[5].metrics.values.map(\.name) == ["copies_skipped", "k", "mean_nearest_distance", "tracks", "tracks_with_fewer_than_k"])
        #expect(runs[5].metrics.tracksWithoutAudioSkipped == 0 && runs[5].hyperparameters.neighbours?.searched == 25)
    }

    /// The one encoder writes what was stored before, key for key and digit for digit.
    @Test func aTypedRecordIsStoredAsTheSameText() throws {
        for stored in Self.storedBefore {
            let task = try #require(TrainingTask(rawValue: stored.task))
            #expect(JSON.string(RunMetrics.decode(stored.metrics, task: task)) == stored.metrics)
            #expect(JSON.string(RunHyperparameters.decode(stored.hyperparameters, task: task)) == stored.hyperparameters)
        }
    }

    /// A run of an older Jukebox (keys since dropped, keys not yet written) reads what it has; text that is not a
    /// record reads as nothing, not as an error.
    @Test func olderAndBrokenRecordsReadWhatTheyHave() throws {
        let runs = try Self.warehouse(with: [
            (task: "genre", featureSet: "full", hyperparameters: #"{"rounds":300,"forest_trees":200,"blend_alpha":0.5,"classes":114}"#,
             metrics: #"{"accuracy":0.61,"holdout_rows":22800}"#),
            (task: "popularity", featureSet: "audio", hyperparameters: "not json", metrics: #"{"r2":"high"}"#),
        ]).read { try ModelRuns.all($0) }
        #expect(runs[0].hyperparameters == .genre(.init(rounds: 300, classes: 114)))
        #expect(runs[0].taxonomy == nil && runs[0].learnedFrom == nil)
        #expect(runs[0].metrics.values.map(\.name) == ["accuracy", "holdout_rows"] && runs[0].metrics.value("accuracy") == 0.61)
        #expect(runs[1].hyperparameters == .popularity(.init()) && runs[1].metrics.values.isEmpty)
    }
}
