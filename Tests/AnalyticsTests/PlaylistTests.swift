import Core
import GRDB
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

struct PlaylistTests {
    @Test func camelotCodesForAll24Keys() {
        // Pitch class 0 (C) ... 11 (B).
        let major = ["8B", "3B", "10B", "5B", "12B", "7B", "2B", "9B", "4B", "11B", "6B", "1B"]
        let minor = ["5A", "12A", "7A", "2A", "9A", "4A", "11A", "6A", "1A", "8A", "3A", "10A"]
        for key in 0...11 {
            #expect(CamelotCode(key: key, mode: 1)?.description == major[key], "key \(key) major")
            #expect(CamelotCode(key: key, mode: 0)?.description == minor[key], "key \(key) minor")
        }
        #expect(Set((0...11).flatMap { key in [0, 1].map { CamelotCode(key: key, mode: $0)! } }).count == 24)
        #expect(CamelotCode(key: -1, mode: 1) == nil && CamelotCode(key: 3, mode: 2) == nil)
    }

    @Test func compatibleKeysAreNeighboursOnTheWheel() {
        let code = { (text: String) in CamelotCode(number: Int(text.dropLast())!, isMajor: text.last == "B") }
        for other in ["8A", "8B", "7A", "9A"] { #expect(code("8A").isCompatible(with: code(other)), "8A ~ \(other)") }
        for other in ["7B", "9B", "10A", "2A", "3B"] { #expect(!code("8A").isCompatible(with: code(other)), "8A !~ \(other)") }
        #expect(code("12A").isCompatible(with: code("1A")) && code("1B").isCompatible(with: code("12B")))
        #expect(code("1A").distance(to: code("7B")) == 7)
    }

    func track(_ id: String, tempo: Double, energy: Double, key: Int?, mode: Int = 1) -> PlaylistTrack {
        PlaylistTrack(trackID: id, name: id, artists: ["A"], durationMS: 1000, idIsDerived: false,
                      features: TrackFeature.audio.map { $0 == .tempo ? tempo : $0 == .energy ? energy : 0.5 },
                      key: key, mode: key == nil ? nil : mode)
    }

    @Test func transitionCostAddsTempoEnergyAndWheelSteps() {
        let cost = TransitionCost()
        // 20 BPM → 2, 0.3 energy → 3, C major (8B) to A minor (8A) → 1.
        let value = cost.cost(from: track("a", tempo: 100, energy: 0.2, key: 0), to: track("b", tempo: 120, energy: 0.5, key: 9, mode: 0))
        #expect(abs(value - 6) < 1e-9)
        #expect(cost.cost(from: track("a", tempo: 100, energy: 0.5, key: nil), to: track("b", tempo: 100, energy: 0.5, key: 0)) == 3)
    }

    @Test func smoothOrderBeatsAZigzag() {
        let zigzag = [track("a", tempo: 80, energy: 0.2, key: 0), track("b", tempo: 160, energy: 0.9, key: 6),
                      track("c", tempo: 85, energy: 0.25, key: 7), track("d", tempo: 150, energy: 0.85, key: 1),
                      track("e", tempo: 90, energy: 0.3, key: 2)]
        let cost = TransitionCost()
        let smooth = cost.smoothOrder(zigzag)
        #expect(smooth.map(\.trackID) == ["a", "c", "e", "d", "b"])
        #expect(cost.total(smooth) < cost.total(zigzag))
        #expect(cost.smoothOrder(zigzag, startingAt: 3).first?.trackID == "d")
    }

    @Test func realPlaylistsKeepCountSeedAndOneReleasePerSong() throws {
        let warehouse = QueryFixtures.sample
        let builder = PlaylistBuilder()
        for request in [PlaylistRequest(genre: "pop", count: 12), PlaylistRequest(seed: "Gen Hoshino - Comedy", count: 15),
                        PlaylistRequest(mood: [.valence: 0.9, .energy: 0.8], count: 10)] {
            let candidates = try warehouse.pool.read { try builder.candidates(request, in: $0) }
            let playlist = try warehouse.pool.read { try builder.build(request, in: $0) }
            #expect(playlist.tracks.count == request.count)
            #expect(Set(playlist.tracks.map(\.trackID)).count == request.count)
            var songs = SongSet()
            #expect(playlist.tracks.allSatisfy { songs.insert(title: $0.name, artists: $0.artists) }, "one track per song")
            #expect(Set(playlist.tracks.map(\.trackID)) == Set(candidates.tracks.map(\.trackID)))
            // The walk is smoother than the nearest-first order it starts from.
            #expect(playlist.transitionCost < builder.cost.total(candidates.tracks))
        }
        let seeded = try warehouse.pool.read { try builder.build(PlaylistRequest(seed: "5SuOikwiRyPMVoIQDJUgSV", count: 5), in: $0) }
        #expect(seeded.tracks.first?.trackID == "5SuOikwiRyPMVoIQDJUgSV")
        #expect(seeded.seed?.name == "Comedy")
        let pop = try warehouse.pool.read { db in
            Set(try String.fetchAll(db, sql: "SELECT track_id FROM track_genres JOIN genres USING (genre_id) WHERE name = 'pop'"))
        }
        let popList = try warehouse.pool.read { try builder.build(PlaylistRequest(genre: "POP", count: 12), in: $0) }
        #expect(popList.tracks.allSatisfy { pop.contains($0.trackID) })
    }

    @Test func anotherReleaseOfTheSameSongIsDroppedAndShortPoolsGiveShortLists() throws {
        typealias T = QueryFixtures.Track
        let warehouse = try QueryFixtures.warehouse([
            T(id: "s1", name: "Don't Stop", genres: ["rock"], energy: 0.50),
            T(id: "s2", name: "Don‘t stop", genres: ["rock"], energy: 0.51),
            T(id: "s3", name: "Other", genres: ["rock"], energy: 0.9, tempo: 90),
            T(id: "s4", name: "Elsewhere", genres: ["jazz"], energy: 0.52),
        ])
        let playlist = try warehouse.pool.read { try PlaylistBuilder().build(PlaylistRequest(genre: "rock", count: 10), in: $0) }
        #expect(playlist.tracks.count == 2)
        #expect(playlist.tracks.filter { $0.name.lowercased().hasPrefix("don") }.count == 1)
        #expect(throws: AnalyticsError.unknownGenre("jaz", suggestions: ["jazz"])) {
            try warehouse.pool.read { try PlaylistBuilder().build(PlaylistRequest(genre: "jaz"), in: $0) }
        }
    }
}

struct PlaylistClusterTests {
    typealias T = QueryFixtures.Track

    @Test func fromClusterUsesTheChampionClustersRun() throws {
        let warehouse = try QueryFixtures.warehouse([
            T(id: "c1", name: "One", energy: 0.2), T(id: "c2", name: "Two", energy: 0.3),
            T(id: "c3", name: "Three", energy: 0.8), T(id: "c4", name: "Four", energy: 0.9),
        ])
        #expect(throws: AnalyticsError.noChampion(task: "clusters")) {
            try warehouse.pool.read { try PlaylistBuilder().build(PlaylistRequest(cluster: 0), in: $0) }
        }
        try warehouse.pool.write { db in
            // Run 1 is an older, dethroned run with other assignments; run 2 is the champion.
            try db.execute(sql: """
                INSERT INTO model_runs (run_id, task, feature_set, algorithm, status, started_at, is_champion) VALUES
                    (1, 'clusters', 'audio', 'kmeans', 'succeeded', '2026-01-01T00:00:00Z', 0),
                    (2, 'clusters', 'audio', 'kmeans', 'succeeded', '2026-01-02T00:00:00Z', 1);
                INSERT INTO cluster_assignments (run_id, track_id, cluster_id, distance) VALUES
                    (1, 'c1', 1, 0), (1, 'c2', 1, 0), (1, 'c3', 0, 0), (1, 'c4', 0, 0),
                    (2, 'c1', 0, 0), (2, 'c2', 0, 0), (2, 'c3', 1, 0), (2, 'c4', 1, 0);
                """)
        }
        let playlist = try warehouse.pool.read { try PlaylistBuilder().build(PlaylistRequest(cluster: 1, count: 10), in: $0) }
        #expect(Set(playlist.tracks.map(\.trackID)) == ["c3", "c4"])
        #expect(throws: AnalyticsError.notAnswerable("the clusters model (run 2) has no cluster 7; its clusters are 0, 1")) {
            try warehouse.pool.read { try PlaylistBuilder().build(PlaylistRequest(cluster: 7), in: $0) }
        }
    }
}
