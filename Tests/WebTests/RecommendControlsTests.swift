import Analytics
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// Recommend has the command's controls (count, genre, popularity range) and shows each result's score; a near miss
/// is a link that asks again.
@Suite struct RecommendControlsTests {
    static let seed = "5SuOikwiRyPMVoIQDJUgSV"  // Gen Hoshino – Comedy, in data/samples/spotify_tracks_sample.csv

    static func rows(_ body: String) -> [(id: String, distance: String, score: String)] {
        body.matches(of: /<tr data-track="([^"]+)"><td class="num">\d+<\/td><td><a [^>]*>[^<]*<\/a><\/td><td class="num">([-0-9.]*)<\/td><td class="num score">([-0-9.]+)<\/td>/)
            .map { (String($0.1), String($0.2), String($0.3)) }
    }

    @Test func recommendTakesTheCommandsFiltersAndShowsEachScore() async throws {
        let genre: String = try #require(try await WebFixture.scalar("""
            SELECT g.name FROM genres g JOIN track_genres tg ON tg.genre_id = g.genre_id GROUP BY g.genre_id ORDER BY count(*) DESC, g.name LIMIT 1
            """))
        var request = RecommendationRequest(seed: .tracks([Self.seed]))
        request.count = 4
        request.filters.genre = genre
        request.filters.minPopularity = 20
        request.filters.maxPopularity = 80
        let asked = request
        // The answer `jukebox recommend SEED -c 4 --genre G --min-popularity 20 --max-popularity 80` prints.
        let expected = try await WebFixture.warehouse.read { try RecommendationEngine().recommend(asked, in: $0) }.results
        try #require(expected.count == 4)
        let unfiltered = try await WebFixture.warehouse.read { reader -> [Recommendation] in
            var plain = RecommendationRequest(seed: .tracks([Self.seed]))
            plain.count = 4
            return try RecommendationEngine().recommend(plain, in: reader).results
        }
        #expect(unfiltered.map(\.trackID) != expected.map(\.trackID), "the filters should change the answer on the fixture")
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/recommend?track=\(Self.seed)&count=4&genre=\(q(genre))&min_popularity=20&max_popularity=80")
            #expect(page.status == .ok)
            let rows = Self.rows(page.body)
            #expect(rows.map(\.id) == expected.map(\.trackID))
            #expect(rows.map(\.distance) == expected.map { $0.distance.map { HTML.number($0, 3) } ?? "" })
            #expect(rows.map(\.score) == expected.map { HTML.number($0.score, 3) })
            #expect(expected.allSatisfy { $0.genres.contains(genre) && (20...80).contains($0.popularity ?? -1) })
            // The form keeps what was asked, and the suggestion links keep it too.
            #expect(page.body.contains("<input id=\"count\" name=\"count\" type=\"number\" min=\"1\" max=\"100\" size=\"4\" value=\"4\">"))
            #expect(page.body.contains("<input id=\"min_popularity\" name=\"min_popularity\" type=\"number\" min=\"0\" max=\"100\" size=\"4\" value=\"20\">"))
            #expect(page.body.contains("data-suggest=\"/recommend?count=4&amp;genre=\(q(genre))&amp;min_popularity=20&amp;max_popularity=80&amp;track=\""))
            #expect(page.body.contains("<th>score</th>"))

            let api = try await client.fetch("/api/recommend?track=\(Self.seed)&count=4&genre=\(q(genre))&min_popularity=20&max_popularity=80")
            let items = try #require(api.json["items"] as? [[String: Any]])
            #expect(ChartDownloadTests.same(items.compactMap { $0["score"] as? Double }, expected.map(\.score)))
        }
    }

    @Test func badControlsAreNamedAndTheFormKeepsThem() async throws {
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/recommend?track=\(Self.seed)&count=0&min_popularity=90&max_popularity=10")
            #expect(page.status == .badRequest)
            #expect(page.body.contains("count must be a whole number from 1 to 100 (got &#39;0&#39;); min_popularity (90) must not exceed max_popularity (10)"))
            #expect(page.body.contains("name=\"max_popularity\" type=\"number\" min=\"0\" max=\"100\" size=\"4\" value=\"10\">"))
            let api = try await client.fetch("/api/recommend?track=\(Self.seed)&min_popularity=101")
            #expect(api.status == .badRequest)
            #expect(api.json["error"] as? String == "min_popularity must be a whole number from 0 to 100 (got '101')")
        }
    }

    @Test func nearMissesAreLinksThatAskAgain() async throws {
        try await WebFixture.app().test(.router) { client in
            let miss = try await client.fetch("/recommend?q=\(q("Gen Hoshino - Comedi"))&count=3")
            #expect(miss.status == .badRequest)
            #expect(miss.body.contains("no track &#39;Gen Hoshino - Comedi&#39; in the warehouse; did you mean "
                + "<a class=\"near-miss\" href=\"/recommend?q=Gen%20Hoshino%20-%20Comedy&amp;count=3\">Gen Hoshino - Comedy</a>"))
            let followed = try await client.fetch("/recommend?q=Gen%20Hoshino%20-%20Comedy&count=3")
            #expect(followed.status == .ok)
            #expect(followed.body.contains("<h2>Because you like Gen Hoshino – Comedy</h2>"))
            #expect(Self.rows(followed.body).count == 3)

            // A mistyped genre keeps the seed and suggests the genre.
            let genre = try await client.fetch("/recommend?track=\(Self.seed)&genre=rok")
            #expect(genre.status == .badRequest)
            let link = "/recommend?track=\(Self.seed)&amp;genre=rock"
            #expect(genre.body.contains("<a class=\"near-miss\" href=\"\(link)\">rock</a>"))
            let fixed = try await client.fetch(link.replacingOccurrences(of: "&amp;", with: "&"))
            #expect(fixed.status == .ok && !Self.rows(fixed.body).isEmpty)

            // Trends: the mistyped genre is replaced, the rest of the question kept.
            let trends = try await client.fetch("/trends?by=decade&genre=rok&feature=energy")
            #expect(trends.status == .badRequest)
            #expect(trends.body.contains("<a class=\"near-miss\" href=\"/trends?by=decade&amp;genre=rock&amp;feature=energy\">rock</a>"))
        }
    }
}
