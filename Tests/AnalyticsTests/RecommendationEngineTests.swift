import Foundation
import GRDB
import Ingest
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

private let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data/samples")

private func sampleWarehouse() throws -> Warehouse {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-recommend-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let warehouse = try Warehouse.open(path: folder.appendingPathComponent("w.sqlite").path)
    try Ingester(warehouse: warehouse).ingest(path: samples.appendingPathComponent("spotify_tracks_sample.csv").path)
    try Ingester(warehouse: warehouse).ingest(path: samples.appendingPathComponent("top_hits_sample.csv").path)
    return warehouse
}

private let seed = "5SuOikwiRyPMVoIQDJUgSV"  // Gen Hoshino - Comedy

private func recommend(_ warehouse: Warehouse, _ seed: RecommendationSeed = .tracks([seed]),
                       _ configure: (inout RecommendationRequest) -> Void = { _ in }) throws -> RecommendationAnswer {
    var request = RecommendationRequest(seed: seed)
    configure(&request)
    return try warehouse.pool.read { try RecommendationEngine().recommend(request, in: $0) }
}

/// The one engine, from seed tracks: a track seed is a one-track taste profile and gets every kind of evidence.
struct RecommendationEngineTests {
    @Test func aTrackSeedIsRankedByTheBlendBestFirstWithoutTheSeed() throws {
        let answer = try recommend(try sampleWarehouse())
        #expect(answer.results.count == 10)
        #expect(answer.subject == .tracks(count: 1, artist: nil, unmatched: []))
        #expect(!answer.results.contains { $0.trackID == seed })
        #expect(zip(answer.results, answer.results.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(answer.results.allSatisfy { !$0.reason.isEmpty })
        // The score is the weighted blend of the evidence shown beside it.
        let weights = RecommendationWeights.standard
        for result in answer.results {
            let blend = RecommendationEvidence.allCases.reduce(0) { $0 + weights[$1] * (result.evidence[$1] ?? 0) }
            #expect(abs(blend - result.score) < 1e-12, "\(result.trackID)")
        }
    }

    /// What the audio recommender never gave one seed: the seed's own artist and album come first, with the reasons.
    @Test func aTrackSeedGetsItsArtistAndAlbumAsEvidence() throws {
        let warehouse = try sampleWarehouse()
        // Jason Mraz: 30 tracks in the sample, 13 of them on one album.
        let (seedID, album) = try warehouse.pool.read { db -> (String, Int64) in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT t.track_id, t.album_id FROM tracks t JOIN track_artists ta USING (track_id) JOIN artists a USING (artist_id)
                WHERE a.name = 'Jason Mraz' ORDER BY (SELECT count(*) FROM tracks o WHERE o.album_id = t.album_id) DESC, t.track_id LIMIT 1
                """))
            return (row[0], row[1])
        }
        let sameAlbum = try warehouse.pool.read {
            Set(try String.fetchAll($0, sql: "SELECT track_id FROM tracks WHERE album_id = ? AND track_id <> ?", arguments: [album, seedID]))
        }
        try #require(sameAlbum.count >= 3)
        let results = try recommend(warehouse, .tracks([seedID])).results
        let first = results.prefix(3)
        #expect(first.allSatisfy { sameAlbum.contains($0.trackID) && $0.evidence[.album] == 1 && $0.evidence[.artists] == 1 })
        #expect(first.allSatisfy { $0.reasons.contains("from the album of 1 track in the seeds") })
        #expect(first.allSatisfy { $0.reasons.contains("by Jason Mraz, who has 1 track in the seeds") })
    }

    /// The same evidence as a playlist: a playlist holding only the seed is continued with the same tracks, scores
    /// and evidence as the seed itself.
    @Test func aTrackSeedIsAOneTrackPlaylist() throws {
        let warehouse = try sampleWarehouse()
        try warehouse.pool.write { db in
            try db.execute(sql: """
                INSERT INTO playlists (playlist_id, playlist_key, name, ingest_id) VALUES (1, 'name:Just Comedy', 'Just Comedy', 1);
                INSERT INTO playlist_tracks (playlist_id, position, track_id) VALUES (1, 1, '\(seed)');
                """)
        }
        let track = try recommend(warehouse).results
        let playlist = try recommend(warehouse, .playlist("Just Comedy")).results
        #expect(track.count == 10)
        #expect(track.map(\.trackID) == playlist.map(\.trackID))
        #expect(track.map(\.score) == playlist.map(\.score))
        #expect(track.map(\.evidence) == playlist.map(\.evidence))
    }

    @Test func audioDistancesAreTheStandardizedSpace() throws {
        let warehouse = try sampleWarehouse()
        let results = try recommend(warehouse).results
        let space = try warehouse.pool.read { try AudioSpace.read($0) }
        let d = AudioSpace.columns.count, x = space.standardized.values
        func point(_ id: String) -> ArraySlice<Double> { let i = space.index[id]!; return x[(i * d)..<((i + 1) * d)] }
        for result in results {
            let distance = zip(point(seed), point(result.trackID)).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            #expect(abs(try #require(result.distance) - distance) < 1e-9)
        }
    }

    @Test func filtersHold() throws {
        let warehouse = try sampleWarehouse()
        let pop = try recommend(warehouse) { $0.filters.genre = "pop" }.results
        #expect(!pop.isEmpty && pop.allSatisfy { $0.genres.contains("pop") })
        let clean = try recommend(warehouse) { $0.filters.explicit = false }.results
        let explicitIDs = try warehouse.pool.read { Set(try String.fetchAll($0, sql: "SELECT track_id FROM tracks WHERE explicit = 1")) }
        #expect(!clean.isEmpty && clean.allSatisfy { !explicitIDs.contains($0.trackID) })
        let popular = try recommend(warehouse) { $0.filters.minPopularity = 60; $0.filters.maxPopularity = 80 }.results
        #expect(!popular.isEmpty && popular.allSatisfy { (60...80).contains($0.popularity ?? -1) })
        let excluded = try #require(try recommend(warehouse).results.first?.artists.first)
        let without = try recommend(warehouse) { $0.filters.excludedArtists = [excluded.lowercased()] }.results
        #expect(without.allSatisfy { !$0.artists.contains(excluded) })
        let varied = try recommend(warehouse) { $0.filters.maxPerArtist = 1; $0.count = 20 }.results
        let leads = varied.compactMap(\.artists.first)
        #expect(leads.count == 20 && Set(leads).count == leads.count)
    }

    @Test func otherRowsOfTheSeedsSongNeverComeBack() throws {
        let warehouse = try sampleWarehouse()
        // A second id for the seed's song (as another dump of it would add): its artist and album evidence is the strongest.
        try warehouse.pool.write { db in
            try db.execute(sql: """
                INSERT INTO tracks (track_id, name, album_id, duration_ms, first_ingest_id, last_ingest_id)
                    SELECT '0000000000000000000009', 'Comedy - Remastered', album_id, 230666, 1, 1 FROM tracks WHERE track_id = '\(seed)';
                INSERT INTO track_artists SELECT '0000000000000000000009', position, artist_id FROM track_artists WHERE track_id = '\(seed)';
                """)
        }
        let results = try recommend(warehouse).results
        #expect(results.count == 10 && !results.contains { $0.trackID == "0000000000000000000009" })
    }

    /// `--history` lines find their tracks by the rule that links a loaded listener's plays, and weigh what the
    /// listener's plays weigh: the same export as a history file and as a loaded listener gives one profile.
    @Test func aHistoryFileWeighsAndMatchesPlaysAsALoadedListener() throws {
        let warehouse = try sampleWarehouse()
        let export = samples.appendingPathComponent("history/Streaming_History_Audio_2023.json").path
        var options = IngestOptions()
        options.listener = "anna"
        _ = try Ingester(warehouse: warehouse).ingest(path: export, options: options)
        let lines = try HistoryFile.entries(export)
        let (history, listener) = try warehouse.pool.read { db in
            (try TasteProfile.tracks([], artist: nil, history: lines, in: db), try ListenerTaste.read("anna", in: db))
        }
        #expect(!history.weights.isEmpty)
        #expect(history.excluded == listener.playedTracks)
        let liked = listener.trackWeight.filter { $0.value > 0 }
        #expect(Set(history.weights.keys) == Set(liked.keys))
        for (id, weight) in liked { #expect(abs((history.weights[id] ?? 0) - weight) < 1e-9, "\(id)") }
    }

    @Test func noSeedIsAClearError() throws {
        let warehouse = try sampleWarehouse()
        #expect(throws: AnalyticsError.self) { try recommend(warehouse, .tracks([])) }
        #expect(throws: AnalyticsError.self) { try recommend(warehouse, .tracks(["no such track at all"])) }
    }

    /// The popularity rule the command and the web both ask.
    @Test func popularityBoundsLieIn0To100AndInOrder() {
        #expect(RecommendationFilters.popularityProblems(min: nil, max: nil).isEmpty)
        #expect(RecommendationFilters.popularityProblems(min: 0, max: 100).isEmpty)
        #expect(RecommendationFilters.popularityProblems(min: 50, max: 50).isEmpty)
        #expect(RecommendationFilters.popularityProblems(min: -1, max: 101) == [.outOfRange(minimum: true, value: -1), .outOfRange(minimum: false, value: 101)])
        #expect(RecommendationFilters.popularityProblems(min: 80, max: 20) == [.inverted(min: 80, max: 20)])
    }
}
