import Foundation
import GRDB
import Ingest
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

struct ExploreTests {
    @Test func pcaFindsTheMainDirection() {
        var rows: [Double] = []
        for i in 0..<200 { let t = Double(i) / 10; rows += [t, 2 * t + (i % 2 == 0 ? 0.1 : -0.1), Double(i % 7)] }
        let pca = PCA.fit(rows, features: ["a", "b", "c"])
        #expect(pca.explained[0] > 0.6)
        #expect(abs(abs(pca.components[0][0]) - abs(pca.components[0][1])) < 0.05)
    }

    @Test func pearsonCorrelationSkipsMissingValuesAndIsSymmetric() {
        let x = [1.0, 2, 3, 4, .nan], y = [2.0, 4, 6, 8, 100], z = [4.0, 3, 2, 1, 0], flat = [1.0, 1, 1, 1, 1]
        let r = Correlation.pearson([x, y, z, flat])
        #expect(abs(r[0][1] - 1) < 1e-12 && abs(r[0][2] + 1) < 1e-12)
        #expect(r[0][3] == 0 && r[3][3] == 1)
        for a in 0..<4 { for b in 0..<4 { #expect(r[a][b] == r[b][a]) } }
    }

    @Test func runMetricsDecodeTheStoredJSONPerTask() {
        let genre = RunMetrics.decode(#"{"accuracy":0.5,"holdout_rows":12,"per_genre_f1":{"pop":0.25},"confusion_matrix":{"labels":["pop"],"counts":[[3]]}}"#, task: .genre)
        #expect(genre.genre?.accuracy == 0.5 && genre.genre?.holdoutRows == 12 && genre.genre?.perGenreF1 == ["pop": 0.25])
        #expect(genre.genre?.confusionMatrix == RunMetrics.ConfusionMatrix(labels: ["pop"], counts: [[3]]))
        #expect(genre.values.map(\.name) == ["accuracy", "holdout_rows"])
        let clusters = RunMetrics.decode(#"{"silhouette":0.2,"cluster_sizes":[1,2],"iterations":7}"#, task: .clusters)
        #expect(clusters.value("silhouette") == 0.2 && clusters.value("iterations") == 7 && clusters.clusters?.clusterSizes == [1, 2])
        #expect(RunMetrics.decode("not json", task: .popularity).values.isEmpty)
        #expect(RunMetrics.decode(#"{"k":10,"tracks":3}"#, task: .neighbours).values.map(\.name) == ["k", "tracks"])
    }

    @Test func trainAllPlansGenreAndPopularityPerFeatureSetThenClustersAndNeighbours() {
        #expect(TrainingTask.plan().map { "\($0.0.rawValue)/\($0.1.rawValue)" }
            == ["genre/full", "genre/audio", "popularity/full", "popularity/audio", "clusters/audio", "neighbours/audio"])
        #expect(TrainingTask.plan(featureSets: [.audio]).count == 4)
    }

    private static func emptyWarehouse() throws -> Warehouse {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-explore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try Warehouse.open(path: folder.appendingPathComponent("w.sqlite").path)
    }

    private static func ingest(_ file: String, into warehouse: Warehouse) throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/samples")
        try Ingester(warehouse: warehouse).ingest(path: samples.appendingPathComponent(file).path)
    }

    /// Latest popularity is one definition (`v_track_latest_popularity`): `v_tracks` and `TrackSQL` both read it, and
    /// a newer ingest's reading replaces an older one on both.
    @Test func latestPopularityIsOneViewThatTheTracksViewAndTrackSQLRead() throws {
        let warehouse = try Self.emptyWarehouse()
        try Self.ingest("spotify_tracks_sample.csv", into: warehouse)
        let track = try #require(try warehouse.read { reader in
            try Row.fetchOne(reader.db, sql: """
                SELECT track_id, track_name, artists, popularity FROM v_tracks WHERE popularity IS NOT NULL
                  AND artists NOT GLOB '*[;,"]*' AND track_name NOT GLOB '*[,"]*' ORDER BY track_id LIMIT 1
                """)
        })
        let old: Int = track["popularity"], newer = (old + 37) % 101
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-latest-\(UUID().uuidString).csv")
        try "track_id,track_name,artists,popularity\n\(track["track_id"] as String),\(track["track_name"] as String),\(track["artists"] as String),\(newer)\n"
            .write(to: file, atomically: true, encoding: .utf8)
        try Ingester(warehouse: warehouse).ingest(path: file.path)
        let read = try warehouse.read { reader in
            try Row.fetchOne(reader.db, sql: """
                SELECT v.popularity, \(TrackSQL.latestPopularity(of: "t.track_id")),
                       (SELECT count(*) FROM popularity_observations WHERE track_id = t.track_id),
                       (SELECT count(*) FROM v_track_latest_popularity) = (SELECT count(DISTINCT track_id) FROM popularity_observations),
                       (SELECT sql FROM sqlite_master WHERE name = 'v_tracks')
                FROM tracks t JOIN v_tracks v ON v.track_id = t.track_id WHERE t.track_id = ?
                """, arguments: [track["track_id"] as String])
        }
        let row = try #require(read)
        #expect(row[0] as Int == newer && row[1] as Int == newer && row[2] as Int == 2)
        #expect(row[3] as Bool)
        #expect((row[4] as String).contains("FROM v_track_latest_popularity lp"))
        #expect(TrackSQL.latestPopularity(of: "t.track_id").contains("FROM v_track_latest_popularity latest"))
    }

    @Test func championsAndTheStampFollowTheTrainedRuns() throws {
        let warehouse = try Self.emptyWarehouse()
        #expect(try warehouse.read { try WarehouseStamp.read($0) } == "0:")
        try Self.ingest("top_hits_sample.csv", into: warehouse)
        var runner = TrainingRunner(warehouse: warehouse)
        runner.clusters.clusterCount = 3
        let run = try runner.run(.clusters)
        try warehouse.read { reader in
            #expect(try WarehouseStamp.read(reader) == "1:\(run.runID)")
            let champion = try #require(try ModelRuns.champion(reader, task: .clusters))
            #expect(champion.runID == run.runID && champion.featureSet == .audio)
            #expect(champion.metrics.clusters?.clusterSizes?.reduce(0, +) == champion.trainRows)
            #expect(try ModelRuns.champion(reader, task: .genre) == nil)
            #expect(try Predictor.championTasks(reader) == [.clusters])
            let map = try ClusterMap.read(reader, runID: run.runID)
            #expect(map.values.count == map.trackIDs.count * TrackFeature.audio.count && !map.clusters.contains(-1))
            #expect(try FeatureColumns.audio(reader).count == FeatureColumns.audio.count)
        }
    }
}
