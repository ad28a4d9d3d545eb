import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
@_spi(WarehouseSQL) import Store
import Testing
@testable import Web

/// The Genres page reads the write-back: the tracks of a predicted genre and the likely mislabels, from
/// `v_genre_predictions` of the trained sample warehouse, on the page, as CSV and as JSON.
@Suite struct GenreListsTests {
    /// The most predicted genre of the fixture and its tracks, most confident first, straight from the view.
    static func mostPredicted() async throws -> (genre: String, rows: [(id: String, probability: Double)]) {
        try await WebFixture.warehouse.pool.read { db in
            let genre = try String.fetchOne(db, sql: """
                SELECT predicted_genre FROM v_genre_predictions GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
                """)!
            let rows = try Row.fetchAll(db, sql: """
                SELECT track_id, genre_probability FROM v_genre_predictions WHERE predicted_genre = ?
                ORDER BY genre_probability DESC, track_id
                """, arguments: [genre]).map { (id: $0[0] as String, probability: $0[1] as Double) }
            return (genre, rows)
        }
    }

    @Test func aChosenGenreListsItsTracksMostConfidentFirstOnPageCSVAndJSON() async throws {
        let (genre, expected) = try await Self.mostPredicted()
        try #require(expected.count >= 3)
        try await WebFixture.app().test(.router) { client in
            let json = try await client.fetch("/api/genres/tracks?genre=\(q(genre.uppercased()))")
            #expect(json.status == .ok)
            #expect(json.json["genre"] as? String == genre)
            #expect(json.json["total"] as? Int == expected.count)
            let tracks = try #require(json.json["tracks"] as? [[String: Any]])
            #expect(tracks.map { $0["track_id"] as? String ?? "" } == expected.map(\.id))
            #expect(tracks.map { $0["probability"] as? Double ?? -1 } == expected.map(\.probability))
            #expect(tracks.allSatisfy { $0["predicted_genre"] as? String == genre })

            let page = try await client.fetch("/genres?genre=\(q(genre))")
            #expect(page.status == .ok)
            #expect(page.body.contains("<option value=\"\(HTML.escape(genre))\" selected>"))
            #expect(page.body.contains("\(HTML.count(expected.count)) tracks predicted as <b>\(HTML.escape(genre))</b>"))
            let table = try #require(page.body.components(separatedBy: "<table id=\"predicted-tracks\">").dropFirst().first?
                .components(separatedBy: "</table>").first)
            let shown = table.matches(of: /data-track-id="([^"]+)"/).map { String($0.1) }
            #expect(shown == Array(expected.map(\.id).prefix(GenreLists.shown)))
            #expect(page.body.contains("href=\"/genres.csv?chart=predicted-tracks&amp;genre=\(HTML.escape(q(genre)))\""))

            let csv = ChartDownloadTests.rows(try await client.fetch("/genres.csv?chart=predicted-tracks&genre=\(q(genre))").body)
            #expect(csv.first?.prefix(6) == ["track_id", "track_name", "artists", "tags", "predicted_genre", "probability"])
            #expect(csv.dropFirst().map { $0[0] } == expected.map(\.id))
            #expect(csv.dropFirst().map { Double($0[5]) ?? -1 } == expected.map(\.probability))
        }
    }

    @Test func likelyMislabelsAreTaggedTracksWhoseTagsTheAnswerRanksLowest() async throws {
        // The same rule, computed here from the tables in Swift: tracks tagged in the champion's taxonomy, with no
        // tag (any vocabulary) named as the answer; disagreement = the answer's probability less the highest
        // probability the top 3 give one of its tags.
        let expected: [(id: String, disagreement: Double)] = try await WebFixture.warehouse.pool.read { db in
            let taxonomy = try String.fetchOne(db, sql: """
                SELECT json_extract(hyperparameters, '$.taxonomy') FROM model_runs
                WHERE task = 'genre' AND feature_set = 'full' AND is_champion = 1
                """)!
            var tags: [String: [(name: String, vocabulary: String)]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT tg.track_id, g.name, g.vocabulary FROM track_genres tg JOIN genres g USING (genre_id)") {
                tags[row[0], default: []].append((row[1], row[2]))
            }
            var scored: [(id: String, disagreement: Double, probability: Double)] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT track_id, predicted_genre, genre_probability, second_genre, second_probability, third_genre, third_probability
                FROM v_genre_predictions
                """) {
                let id: String = row[0], own = tags[id] ?? []
                let names = Set(own.map(\.name))
                guard own.contains(where: { $0.vocabulary == taxonomy }), !names.contains(row[1] as String) else { continue }
                var best = 0.0
                if let second: String = row[3], names.contains(second) { best = max(best, row[4]) }
                if let third: String = row[5], names.contains(third) { best = max(best, row[6]) }
                scored.append((id, (row[2] as Double) - best, row[2]))
            }
            scored.sort { ($0.disagreement, $0.probability, $1.id) > ($1.disagreement, $1.probability, $0.id) }
            return scored.map { ($0.id, $0.disagreement) }
        }
        try #require(expected.count >= 5)
        try await WebFixture.app().test(.router) { client in
            let json = try await client.fetch("/api/genres/mislabels")
            #expect(json.status == .ok)
            #expect(json.json["total"] as? Int == expected.count)
            let tracks = try #require(json.json["tracks"] as? [[String: Any]])
            #expect(tracks.map { $0["track_id"] as? String ?? "" } == expected.map(\.id))
            for (track, want) in zip(tracks, expected) {
                #expect(abs((track["disagreement"] as? Double ?? -1) - want.disagreement) < 1e-12)
                let tags = (track["tags"] as? String ?? "").split(separator: ";").map(String.init)
                #expect(!tags.contains(track["predicted_genre"] as? String ?? ""))
            }

            let page = try await client.fetch("/genres")
            #expect(page.body.contains("\(HTML.count(expected.count)) tracks tagged in the genres the champion learned"))
            let table = try #require(page.body.components(separatedBy: "<table id=\"likely-mislabels\">").dropFirst().first?
                .components(separatedBy: "</table>").first)
            #expect(table.matches(of: /data-track-id="([^"]+)"/).map { String($0.1) } == Array(expected.map(\.id).prefix(GenreLists.shown)))
            let csv = ChartDownloadTests.rows(try await client.fetch("/genres.csv?chart=likely-mislabels").body)
            #expect(csv.first?.last == "disagreement")
            #expect(csv.dropFirst().map { $0[0] } == expected.map(\.id))
        }
    }

    @Test func anUnknownGenreAnswers400WithNearMissesAsLinks() async throws {
        let (genre, _) = try await Self.mostPredicted()
        let typo = String(genre.dropLast())
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/genres?genre=\(q(typo))")
            #expect(page.status == .badRequest)
            #expect(page.body.contains(HTML.escape("no genre '\(typo)' in the warehouse; did you mean ")))
            #expect(page.body.contains("<a class=\"near-miss\" href=\"/genres?genre=\(HTML.escape(q(genre)))\">\(HTML.escape(genre))</a>"))
            #expect(page.body.contains("id=\"genre-pick\"") && page.body.contains("id=\"likely-mislabels\""))
            #expect(try await client.fetch("/api/genres/tracks?genre=\(q(typo))").status == .badRequest)
            #expect(try await client.fetch("/api/genres/tracks").status == .badRequest)
            #expect(try await client.fetch("/genres.csv?chart=predicted-tracks&genre=\(q(typo))").status == .badRequest)
            // Without a genre there is no list of one to download: the 404 names the charts there are.
            let missing = try await client.fetch("/genres.csv?chart=predicted-tracks")
            #expect(missing.status == .notFound && missing.body.contains("likely-mislabels"))
        }
    }
}
