import Foundation
import GRDB
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

/// Small warehouses by hand: tracks (`QueryFixtures`) plus playlists of them.
private func warehouse(_ tracks: [QueryFixtures.Track], playlists: [(name: String, genre: String?, tracks: [String])]) throws -> Warehouse {
    let warehouse = try QueryFixtures.warehouse(tracks)
    try warehouse.pool.write { db in
        for (i, playlist) in playlists.enumerated() {
            let spotify = String(repeating: "p", count: 21) + String(i)
            try db.execute(sql: """
                INSERT INTO playlists (playlist_id, playlist_key, spotify_playlist_id, name, genre, subgenre, ingest_id)
                VALUES (?, ?, ?, ?, ?, ?, 1)
                """, arguments: [i + 1, "spotify:" + spotify, spotify, playlist.name, playlist.genre, playlist.genre.map { $0 + " sub" }])
            for (position, track) in playlist.tracks.enumerated() {
                try db.execute(sql: "INSERT INTO playlist_tracks (playlist_id, position, track_id) VALUES (?, ?, ?)",
                               arguments: [i + 1, position + 1, track])
            }
        }
    }
    return warehouse
}

private func track(_ id: String, _ name: String, by artist: String, popularity: Int, energy: Double = 0.5) -> QueryFixtures.Track {
    QueryFixtures.Track(id: id, name: name, artists: [artist], energy: energy, popularity: [2: popularity])
}

private func continuation(_ warehouse: Warehouse, _ playlist: String,
                          _ configure: (inout RecommendationRequest) -> Void = { _ in }) throws -> RecommendationAnswer {
    try warehouse.pool.read { db in
        var request = RecommendationRequest(seed: .playlist(playlist))
        configure(&request)
        return try RecommendationEngine().recommend(request, in: db)
    }
}

/// Five tracks by one artist (two in the playlist), popular strangers, a song recorded twice.
private func soloWarehouse() throws -> Warehouse {
    try warehouse([
        track("s1", "One", by: "Solo Star", popularity: 50), track("s2", "Two", by: "Solo Star", popularity: 80),
        track("s3", "Three", by: "Solo Star", popularity: 30), track("s4", "Four", by: "Solo Star", popularity: 70),
        track("s5", "Five", by: "Solo Star", popularity: 60),
        track("s6", "Two - Remastered 2011", by: "Solo Star", popularity: 90),
        track("o1", "Hit", by: "Famous", popularity: 100), track("o2", "Other Hit", by: "Famous", popularity: 95),
        track("o3", "Filler", by: "Nobody", popularity: 10, energy: 0.9),
    ], playlists: [("Solo Mix", "pop", ["s1", "s2"]), ("Hits", "pop", ["o1", "o2", "o3"])])
}

struct PlaylistContinuationTests {
    @Test func aPlaylistOfOneArtistGetsThatArtistsOtherTracksFirstMostPopularFirst() throws {
        let answer = try continuation(try soloWarehouse(), "solo mix")
        #expect(Array(answer.results.prefix(3).map(\.trackID)) == ["s4", "s5", "s3"])
        #expect(answer.results[0].reasons.first == "by Solo Star, who has 2 tracks in the playlist")
        #expect(zip(answer.results, answer.results.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func neitherAMemberNorAnotherRecordingOfItsSongComesBack() throws {
        let answer = try continuation(try soloWarehouse(), "Solo Mix") { $0.count = 20 }
        let ids = Set(answer.results.map(\.trackID))
        #expect(ids.isDisjoint(with: ["s1", "s2", "s6"]))
        #expect(ids.isSuperset(of: ["s3", "s4", "s5", "o1", "o2", "o3"]))
        #expect(answer.results.allSatisfy { !$0.reasons.isEmpty })
    }

    @Test func coOccurrenceFindsTheTrackThatSharesPlaylists() throws {
        let w = try warehouse([
            track("a1", "Alpha", by: "A1", popularity: 40), track("a2", "Beta", by: "A2", popularity: 40),
            track("a3", "Gamma", by: "A3", popularity: 40), track("x1", "Shared Twice", by: "X1", popularity: 20),
            track("x2", "Shared Once", by: "X2", popularity: 30), track("y1", "Unrelated Hit", by: "Y1", popularity: 100),
        ], playlists: [("Mix A", nil, ["a1", "a2", "a3"]), ("Mix B", nil, ["a1", "a2", "x1"]),
                       ("Mix C", nil, ["a3", "x2", "y1"]), ("Mix D", nil, ["y1"])])
        let blended = try continuation(w, "Mix A") { $0.weights[.cooccurrence] = 0.5 }
        #expect(blended.results.first?.trackID == "x1")
        #expect(blended.results.first?.reasons.contains("in a playlist with 'Alpha'") == true)
        let alone = try continuation(w, "Mix A") { $0.weights = RecommendationWeights([.cooccurrence: 1]) }
        #expect(alone.results.map(\.trackID).first == "x1")
        #expect(Set(alone.results.map(\.trackID)) == ["x1", "x2", "y1"])
        #expect(alone.results.first?.reason == "in a playlist with 'Alpha'")
    }

    @Test func theAlbumOfThePlaylistsTracksComesBeforeStrangers() throws {
        let w = try warehouse([
            track("c1", "Opening", by: "Various A", popularity: 10), track("c2", "Middle", by: "Various B", popularity: 10),
            track("c3", "Closing", by: "Various C", popularity: 5), track("z1", "Famous Song", by: "Star", popularity: 100),
        ], playlists: [("Compilation Picks", nil, ["c1", "c2"]), ("Stars", nil, ["z1"])])
        try w.pool.write { db in
            try db.execute(sql: "INSERT INTO albums (album_id, album_key, name) VALUES (1, 'x', 'The Compilation')")
            try db.execute(sql: "UPDATE tracks SET album_id = 1 WHERE track_id IN ('c1', 'c2', 'c3')")
        }
        let answer = try continuation(w, "compilation picks")
        #expect(answer.results.map(\.trackID) == ["c3", "z1"])
        #expect(answer.results.first?.reasons.first == "from the album of 2 tracks in the playlist")
    }

    @Test func filtersHold() throws {
        let w = try soloWarehouse()
        let capped = try continuation(w, "Solo Mix") { $0.filters.maxPopularity = 65; $0.count = 20 }
        #expect(!capped.results.isEmpty && capped.results.allSatisfy { ($0.popularity ?? 0) <= 65 })
        let without = try continuation(w, "Solo Mix") { $0.filters.excludedArtists = ["solo star"]; $0.count = 20 }
        #expect(Set(without.results.map(\.trackID)) == ["o1", "o2", "o3"])
        let one = try continuation(w, "Solo Mix") { $0.filters.maxPerArtist = 1; $0.count = 20 }
        #expect(one.results.filter { $0.artists == ["Solo Star"] }.count == 1)
    }

    @Test func findsPlaylistsByNameSpotifyIDOrIDAndSuggestsForAnUnknownOne() throws {
        let w = try soloWarehouse()
        func lookup(_ query: String) throws -> PlaylistSummary { try w.pool.read { try NameLookup.playlist(query, in: $0) } }
        #expect(try lookup("HITS").playlistID == 2)
        #expect(try lookup("ppppppppppppppppppppp1").name == "Hits")
        #expect(try lookup("spotify:playlist:ppppppppppppppppppppp0").name == "Solo Mix")
        #expect(try lookup("1").name == "Solo Mix")
        #expect(throws: AnalyticsError.unknownPlaylist("Solo Mx", suggestions: ["Solo Mix"])) { try lookup("Solo Mx") }
    }

    @Test func readsWeights() throws {
        #expect(try RecommendationWeights.parse("artists=1, popularity=0.01") == RecommendationWeights([.artists: 1, .popularity: 0.01]))
        #expect(throws: AnalyticsError.self) { try RecommendationWeights.parse("loudness=2") }
        #expect(throws: AnalyticsError.self) { try RecommendationWeights.parse("artists=0") }
    }
}

/// `train` writing every playlist's continuation back (`PlaylistRecommendationWriter`).
struct PlaylistRecommendationWriterTests {
    @Test func writesEveryPlaylistsContinuationUnderARunAndReplacesTheOlderRun() throws {
        let w = try soloWarehouse()
        try w.pool.write { db in
            try db.execute(sql: "INSERT INTO playlists (playlist_id, playlist_key, name, ingest_id) VALUES (3, 'name:Empty', 'Empty', 1)")
        }
        let writer = PlaylistRecommendationWriter(warehouse: w)
        #expect(try writer.isStale())
        let lock = try TrainingRunner(warehouse: w).lock()
        let first = try #require(try writer.run(holding: lock))
        #expect(first.playlists == 2 && first.skipped == 1)
        for playlist in ["Solo Mix", "Hits"] {
            let answer = try continuation(w, playlist)
            let stored = try w.pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT track_id, score, reasons FROM v_playlist_recommendations WHERE playlist_name = ? ORDER BY rank
                    """, arguments: [playlist])
            }
            #expect(stored.map { $0["track_id"] as String } == answer.results.map(\.trackID))
            #expect(stored.map { $0["reasons"] as String } == answer.results.map(\.reason))
            #expect(zip(stored, answer.results).allSatisfy { abs(($0["score"] as Double) - $1.score) < 1e-12 })
        }
        #expect(first.rows == (try w.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM playlist_recommendations") }))
        #expect(try !writer.isStale())
        // A second write-back replaces the first: one run's rows, one run.
        let second = try #require(try writer.run(holding: lock))
        let runs = try w.pool.read { try Int64.fetchAll($0, sql: "SELECT DISTINCT run_id FROM playlist_recommendations") }
        #expect(runs == [second.runID] && second.runID != first.runID)
        #expect(try w.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM playlist_recommendation_runs") } == 1)
    }

    @Test func aWarehouseWithoutPlaylistsWritesNothingAndIsNeverStale() throws {
        let w = try QueryFixtures.warehouse([track("a", "A", by: "X", popularity: 1)])
        let writer = PlaylistRecommendationWriter(warehouse: w)
        #expect(try !writer.isStale())
        #expect(try writer.run(holding: try TrainingRunner(warehouse: w).lock()) == nil)
    }
}

struct NearestIndicesTests {
    @Test func theSmallestValuesTiesByIndexAsAFullSortGives() {
        let values = [3.0, 1, 2, 1, 5, 2, 0]
        for count in 0...8 {
            let sorted = values.indices.sorted { (values[$0], $0) < (values[$1], $1) }.prefix(count)
            #expect(Set(TopK.smallestIndices(values, count: count)) == Set(sorted), "count \(count)")
        }
        #expect(TopK.smallestIndices(values, count: 3).count == 3)
    }

    @Test func theSelectedThresholdIsTheSortedValueAtThatRank() {
        let values = [3.0, 1, 2, 1, 5, 2, 0, 2, 9, 1]
        for rank in values.indices { #expect(TopK.select(values, rank: rank) == values.sorted()[rank], "rank \(rank)") }
    }
}

struct BlendAudioTests {
    /// The audio read from SQLite (the CLI's one playlist) and from a loaded space (the web app) are the same evidence:
    /// the nearest tracks, ties at the boundary in id order, and the candidates' points.
    @Test func readingFromSQLiteGivesWhatTheLoadedSpaceGives() throws {
        let w = try soloWarehouse()
        try w.pool.read { db in
            let space = try AudioSpace.read(db)
            let members = ["s1", "o3"], weights = ["s1": 1.0, "o3": 2.0]
            for count in 0...(space.trackIDs.count + 1) {
                let loaded = try #require(try BlendAudio.make(db, seeds: members, weights: weights, nearest: count, space: space))
                let read = try #require(try BlendAudio.make(db, seeds: members, weights: weights, nearest: count, space: nil))
                #expect(Set(read.nearest) == Set(loaded.nearest), "count \(count)")
                #expect(zip(read.profile, loaded.profile).allSatisfy { abs($0 - $1) < 1e-12 })
                let ids = space.trackIDs + ["missing"]
                let a = try read.points(ids), b = try loaded.points(ids)
                #expect(Set(a.keys) == Set(b.keys))
                for id in ids { #expect(zip(a[id] ?? [], b[id] ?? []).allSatisfy { abs($0 - $1) < 1e-12 }, "\(id)") }
            }
            #expect(try BlendAudio.make(db, seeds: ["missing"], weights: ["missing": 1], nearest: 3, space: nil) == nil)
        }
    }

    @Test func aContinuationIsTheSameWithAndWithoutALoadedSpace() throws {
        let w = try soloWarehouse()
        try w.pool.read { db in
            let request = RecommendationRequest(seed: .playlist("Solo Mix"))
            let read = try RecommendationEngine().recommend(request, in: db)
            let loaded = try RecommendationEngine().recommend(request, in: db) { try AudioSpace.read(db) }
            #expect(read.results.map(\.trackID) == loaded.results.map(\.trackID))
            #expect(zip(read.results, loaded.results).allSatisfy { abs($0.score - $1.score) < 1e-12 && $0.reasons == $1.reasons })
        }
    }
}
