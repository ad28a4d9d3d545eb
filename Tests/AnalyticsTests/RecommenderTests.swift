import Foundation
import GRDB
import Ingest
import Store
import Testing
@testable import Analytics

private func recommenderWarehouse() throws -> Warehouse {
    let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/samples")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-recommend-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let warehouse = try Warehouse.open(path: folder.appendingPathComponent("w.sqlite").path)
    try Ingester(warehouse: warehouse).ingest(path: data.appendingPathComponent("spotify_tracks_sample.csv").path)
    try Ingester(warehouse: warehouse).ingest(path: data.appendingPathComponent("top_hits_sample.csv").path)
    return warehouse
}

private let seed = "5SuOikwiRyPMVoIQDJUgSV"  // Gen Hoshino - Comedy

private func recommend(_ warehouse: Warehouse, _ configure: (inout RecommendationRequest) -> Void) throws -> [Recommendation] {
    var request = RecommendationRequest()
    request.seeds = [(seed, 1)]
    request.count = 10
    configure(&request)
    return try warehouse.pool.read { try Recommender().recommend(request, in: $0).results }
}

struct RecommenderTests {
    @Test func returnsTheNearestTracksInOrderWithoutTheSeed() throws {
        let warehouse = try recommenderWarehouse()
        let results = try recommend(warehouse) { _ in }
        #expect(results.count == 10)
        #expect(!results.contains { $0.trackID == seed })
        // Without clusters the score is distance minus the genre bonus, and results come best first.
        #expect(zip(results, results.dropFirst()).allSatisfy { $0.score <= $1.score + 1e-12 })
        #expect(results.allSatisfy { !$0.reason.isEmpty })
    }

    @Test func distancesMatchAHandComputation() throws {
        let warehouse = try recommenderWarehouse()
        let top = try #require(try recommend(warehouse) { $0.genreWeight = 0; $0.count = 1 }.first)
        let space = try warehouse.pool.read { try RecommendationSpace.load($0) }
        let a = space.points[space.index[seed]!], b = space.points[space.index[top.trackID]!]
        let distance = zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        // Distances are kept to 5 decimals, as the neighbours table stores them.
        #expect(abs(distance - top.distance) <= 5e-6)
        // Nothing else is nearer.
        let nearest = space.ids.indices.filter { space.ids[$0] != seed }.map { i in
            zip(a, space.points[i]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        }.min()!
        #expect(abs(nearest - distance) < 1e-9)
        #expect(top.distance == (distance * 1e5).rounded() / 1e5)
    }

    @Test func filtersHold() throws {
        let warehouse = try recommenderWarehouse()
        let pop = try recommend(warehouse) { $0.filters.genre = "pop" }
        #expect(!pop.isEmpty && pop.allSatisfy { $0.genres.contains("pop") })
        let clean = try recommend(warehouse) { $0.filters.explicit = false }
        let explicitIDs = try warehouse.pool.read { Set(try String.fetchAll($0, sql: "SELECT track_id FROM tracks WHERE explicit = 1")) }
        #expect(clean.allSatisfy { !explicitIDs.contains($0.trackID) })
        let popular = try recommend(warehouse) { $0.filters.minPopularity = 60; $0.filters.maxPopularity = 80 }
        #expect(!popular.isEmpty && popular.allSatisfy { (60...80).contains($0.popularity ?? -1) })
        let first = try recommend(warehouse) { _ in }
        let excluded = try #require(first.first?.artists.first)
        let without = try recommend(warehouse) { $0.filters.excludedArtists = [excluded.lowercased()] }
        #expect(without.allSatisfy { !$0.artists.contains(excluded) })
        let varied = try recommend(warehouse) { $0.filters.maxPerArtist = 1; $0.count = 20 }
        let leads = varied.compactMap(\.artists.first)
        #expect(Set(leads).count == leads.count)
    }

    @Test func otherRowsOfTheSameSongNeverComeBack() throws {
        let warehouse = try recommenderWarehouse()
        // A second id for the seed's song (as another dump of it would add).
        try warehouse.pool.write { db in
            try db.execute(sql: """
                INSERT INTO tracks (track_id, name, duration_ms, first_ingest_id, last_ingest_id) VALUES ('0000000000000000000009', 'Comedy', 230666, 1, 1);
                INSERT INTO track_artists SELECT '0000000000000000000009', position, artist_id FROM track_artists WHERE track_id = '\(seed)';
                INSERT INTO audio_features SELECT '0000000000000000000009', danceability, energy, key, loudness, mode, speechiness,
                    acousticness, instrumentalness, liveness, valence, tempo, time_signature FROM audio_features WHERE track_id = '\(seed)';
                """)
        }
        let results = try recommend(warehouse) { $0.genreWeight = 0 }
        #expect(!results.contains { $0.trackID == "0000000000000000000009" })
    }

    @Test func eachSongComesBackOnce() throws {
        let warehouse = try recommenderWarehouse()
        let nearest = try #require(try recommend(warehouse) { $0.genreWeight = 0; $0.count = 1 }.first)
        // A copy of the nearest song under another id: only one of the two may be recommended.
        try warehouse.pool.write { db in
            try db.execute(sql: """
                INSERT INTO tracks (track_id, name, duration_ms, first_ingest_id, last_ingest_id) SELECT '0000000000000000000008', name, duration_ms, 1, 1 FROM tracks WHERE track_id = ?;
                INSERT INTO track_artists SELECT '0000000000000000000008', position, artist_id FROM track_artists WHERE track_id = ?;
                INSERT INTO audio_features SELECT '0000000000000000000008', danceability, energy, key, loudness, mode, speechiness,
                    acousticness, instrumentalness, liveness, valence, tempo, time_signature FROM audio_features WHERE track_id = ?;
                """, arguments: [nearest.trackID, nearest.trackID, nearest.trackID])
        }
        let results = try recommend(warehouse) { $0.genreWeight = 0; $0.count = 10 }
        #expect(results.count == 10)
        #expect(results.filter { $0.trackName == nearest.trackName && $0.artists == nearest.artists }.count == 1)
    }

    /// One ranking rule whatever serves a seed: the fresh neighbours table and the exact search give the same tracks
    /// in the same order with the same scores, lowest score first.
    @Test func storedNeighboursAndTheExactSearchRankASeedAlike() throws {
        let warehouse = try recommenderWarehouse()
        var runner = TrainingRunner(warehouse: warehouse)
        runner.clusters.clusterCount = 4
        runner.neighbours.neighbours = 12
        _ = try runner.run(.clusters, featureSet: .audio)
        _ = try runner.run(.neighbours, featureSet: .audio)
        let seeds = try warehouse.pool.read { try String.fetchAll($0, sql: "SELECT track_id FROM v_audio_features ORDER BY track_id LIMIT 12") }
        var exact = Recommender()
        exact.usesStoredNeighbours = false
        var reordered = 0
        for seed in seeds {
            var request = RecommendationRequest()
            request.seeds = [(seed, 1)]
            let (stored, searched) = try warehouse.pool.read { db in
                (try Recommender().recommend(request, in: db), try exact.recommend(request, in: db))
            }
            guard case .storedNeighbours = stored.source else { Issue.record("seed \(seed): \(stored.source)"); continue }
            guard case .exactSearch = searched.source else { Issue.record("seed \(seed): \(searched.source)"); continue }
            #expect(stored.results.map(\.trackID) == searched.results.map(\.trackID), "seed \(seed)")
            #expect(stored.results.map(\.score) == searched.results.map(\.score), "seed \(seed)")
            #expect(zip(stored.results, stored.results.dropFirst()).allSatisfy { ($0.score, $0.trackID) < ($1.score, $1.trackID) })
            if stored.results.map(\.distance) != stored.results.map(\.distance).sorted() { reordered += 1 }
        }
        // The bonuses do reorder some answers (otherwise the two paths could agree by distance alone).
        #expect(reordered > 0)
    }

    @Test func noSeedIsAClearError() throws {
        let warehouse = try recommenderWarehouse()
        #expect(throws: AnalyticsError.self) { try recommend(warehouse) { $0.seeds = [] } }
    }
}
