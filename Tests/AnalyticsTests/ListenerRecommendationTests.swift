import Foundation
import GRDB
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

private func track(_ id: String, _ name: String, by artist: String, popularity: Int, energy: Double = 0.5) -> QueryFixtures.Track {
    QueryFixtures.Track(id: id, name: name, artists: [artist], energy: energy, popularity: [2: popularity])
}

/// One play: the track (nil for a track the warehouse lacks), as exported, how long, and how it ended.
private struct Play {
    var track: String?
    var title: String
    var artist: String
    var ms = 200_000
    var skipped: Bool? = nil
    var reasonEnd: String? = "trackdone"
    var at = "2025-06-01T12:00:00Z"
}

/// Solo Star (five songs, one recorded twice), two popular strangers, Skippy's three tracks; `plays` per listener.
private func warehouse(_ listeners: [String: [Play]]) throws -> Warehouse {
    let warehouse = try QueryFixtures.warehouse([
        track("s1", "One", by: "Solo Star", popularity: 50), track("s2", "Two", by: "Solo Star", popularity: 80),
        track("s3", "Three", by: "Solo Star", popularity: 30), track("s4", "Four", by: "Solo Star", popularity: 70),
        track("s5", "Five", by: "Solo Star", popularity: 60), track("s6", "Two - Remastered 2011", by: "Solo Star", popularity: 90),
        track("o1", "Hit", by: "Famous", popularity: 100), track("o2", "Other Hit", by: "Famous", popularity: 95),
        track("k1", "Skip Me", by: "Skippy", popularity: 40), track("k2", "Skip Me Too", by: "Skippy", popularity: 45),
        track("k3", "Skip Me Three", by: "Skippy", popularity: 35),
    ])
    try warehouse.pool.write { db in
        var second = 0
        for (listener, plays) in listeners {
            for play in plays {
                second += 1
                // Distinct end times: the unique key would fold identical plays into one.
                let at = play.at.replacingOccurrences(of: ":00Z", with: String(format: ":%02dZ", second % 60))
                    .replacingOccurrences(of: "12:00", with: String(format: "12:%02d", second / 60))
                try db.execute(sql: """
                    INSERT INTO listens (listener, played_at, ms_played, song_key, track_id, artist_name, track_name, reason_end, skipped, ingest_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                    """, arguments: [listener, at, play.ms, "song:" + play.title + play.artist, play.track, play.artist, play.title,
                                     play.reasonEnd, play.skipped])
            }
        }
    }
    return warehouse
}

private func recommend(_ warehouse: Warehouse, _ listener: String,
                       _ configure: (inout RecommendationRequest) -> Void = { _ in }) throws -> RecommendationAnswer {
    try warehouse.pool.read { db in
        var request = RecommendationRequest(seed: .listener(listener))
        configure(&request)
        return try RecommendationEngine().recommend(request, in: db)
    }
}

private let one = Play(track: "s1", title: "One", artist: "Solo Star")
private let two = Play(track: "s2", title: "Two", artist: "Solo Star")
private let skipMe = Play(track: "k1", title: "Skip Me", artist: "Skippy")

struct ListenerRecommendationTests {
    @Test func aListenerOfOneArtistGetsThatArtistsOtherSongsFirstWithThePlaysNamed() throws {
        let answer = try recommend(try warehouse(["solo": [one, one, one, two, two]]), "solo")
        #expect(Array(answer.results.prefix(3).map(\.trackID)) == ["s4", "s5", "s3"])
        #expect(answer.results[0].reasons.first == "you played Solo Star 5 times")
        #expect(answer.subject.listener!.plays == 5 && answer.subject.listener!.skips == 0 && answer.subject.listener!.matchedPlays == 5)
        #expect(abs(answer.subject.listener!.minutes - 5 * 200_000 / 60_000) < 1e-9)
    }

    @Test func neverReturnsASongTheListenerPlayedEvenUnderAnotherIDOrUnmatched() throws {
        // "Four" is played as a track the warehouse does not link (no track id): its song still never comes back.
        let plays = [one, two, Play(track: nil, title: "four", artist: "SOLO STAR")]
        let answer = try recommend(try warehouse(["solo": plays]), "solo") { $0.count = 20 }
        let ids = Set(answer.results.map(\.trackID))
        #expect(ids.isDisjoint(with: ["s1", "s2", "s6", "s4"]))
        #expect(ids.isSuperset(of: ["s3", "s5", "o1", "o2"]))
        // The unmatched play still counts for its artist, by name.
        #expect(answer.results.first { $0.trackID == "s5" }?.reasons.first == "you played Solo Star 3 times")
    }

    @Test func skipsCountAgainstAnArtist() throws {
        let liked = Array(repeating: one, count: 3) + [skipMe]
        var skipped = skipMe
        skipped.skipped = true
        var forward = skipMe
        forward.reasonEnd = "fwdbtn"
        var short = skipMe
        short.ms = 12_000
        let w = try warehouse(["fan": liked, "skipper": liked + [skipped, forward, short, skipped]])
        // Played once through: Skippy's other tracks come with the play named.
        let fan = try recommend(w, "fan") { $0.count = 20 }
        let fanSkippy = fan.results.filter { $0.artists == ["Skippy"] }
        #expect(fanSkippy.count == 2 && fanSkippy.allSatisfy { $0.reasons.contains("you played Skippy 1 time") })
        // Skipped four times more: no artist evidence for Skippy, and Skippy's tracks fall behind Solo Star's.
        let skipper = try recommend(w, "skipper") { $0.count = 20 }
        #expect(skipper.subject.listener!.skips == 4)
        let skippy = skipper.results.filter { $0.artists == ["Skippy"] }
        #expect(skippy.allSatisfy { ($0.evidence[.artists] ?? 0) == 0 })
        let lastSolo = try #require(skipper.results.lastIndex { $0.artists == ["Solo Star"] })
        let firstSkippy = skipper.results.firstIndex { $0.artists == ["Skippy"] } ?? skipper.results.count
        #expect(lastSolo < firstSkippy)
        #expect((fan.results.first { $0.trackID == "k2" }?.score ?? 0) > (skipper.results.first { $0.trackID == "k2" }?.score ?? 0))
    }

    @Test func recentPlaysWeighMore() throws {
        // Old Skippy fan, recent Famous fan: equal plays, the recent artist leads.
        var oldPlay = skipMe
        oldPlay.at = "2024-06-01T12:00:00Z"
        let hit = Play(track: "o1", title: "Hit", artist: "Famous")
        let answer = try recommend(try warehouse(["me": [oldPlay, oldPlay, hit, hit]]), "me") { $0.weights = RecommendationWeights([.artists: 1]) }
        #expect(answer.results.first?.trackID == "o2")
        let k2 = try #require(answer.results.first { $0.trackID == "k2" })
        // A year back is about four half-lives: Skippy weighs about 1/16 of Famous.
        #expect(abs(k2.score - pow(0.5, 365.0 / 90.0)) < 0.01)
    }

    @Test func filtersApplyAsForRecommend() throws {
        let answer = try recommend(try warehouse(["solo": [one, two]]), "solo") { $0.filters.minPopularity = 65; $0.count = 20 }
        #expect(!answer.results.isEmpty && answer.results.allSatisfy { ($0.popularity ?? 0) >= 65 })
    }

    @Test func anUnknownListenerIsNamedWithTheKnownOnes() throws {
        #expect(throws: AnalyticsError.unknownListener("sollo", suggestions: ["solo"])) {
            try recommend(try warehouse(["solo": [one]]), "sollo")
        }
    }
}
