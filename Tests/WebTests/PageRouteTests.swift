import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
@_spi(WarehouseSQL) import Store
import Testing
@testable import Web

/// Every page answers with its layout and its SVG charts, from the same app `jukebox serve` runs.
@Suite struct PageRouteTests {
    @Test func everyPageRendersWithItsCharts() async throws {
        let track: String = try #require(try await WebFixture.scalar("SELECT track_id FROM tracks WHERE id_is_derived = 0 ORDER BY track_id LIMIT 1"))
        try await WebFixture.app().test(.router) { client in
            let pages: [(String, String, Bool)] = [
                ("/", "Overview", true), ("/genres", "Genres", true), ("/popularity", "Popularity", true),
                ("/clusters", "Clusters", true), ("/trends", "Trends", true), ("/trends?by=genre&feature=tempo", "Trends", true),
                ("/trends?by=year&feature=energy&feature=valence", "Trends", true),
                ("/recommend", "Recommend", false), ("/recommend?track=\(q(track))", "Recommend", false),
                ("/listening", "Listening", false), ("/sql", "SQL", false), ("/sql?q=\(q("SELECT count(*) FROM v_tracks"))", "SQL", false),
            ]
            for (uri, title, hasChart) in pages {
                let page = try await client.fetch(uri)
                #expect(page.status == .ok, "\(uri)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                #expect(page.body.hasPrefix("<!DOCTYPE html>"), "\(uri)")
                #expect(page.body.contains("<h1>\(title)</h1>"), "\(uri)")
                #expect(page.body.contains("aria-current=\"page\""), "\(uri)")
                if hasChart { #expect(page.body.contains("<svg"), "\(uri) has no chart") }
                #expect(page.headers[.contentSecurityPolicy] != nil)
            }
        }
    }

    @Test func overviewShowsCountsHistogramsAndCorrelations() async throws {
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/")
            #expect(page.body.contains("Pearson correlation between audio features"))
            for feature in ["danceability", "energy", "tempo", "time_signature"] { #expect(page.body.contains("<title>\(feature)</title>")) }
        }
    }

    @Test func genrePageHasMetricsConfusionsAndAWorkingForm() async throws {
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/genres?energy=0.9&danceability=0.8")
            #expect(page.body.contains("F1 per genre"))
            #expect(page.body.contains("<h2>Confusions</h2>"))
            #expect(page.body.contains("Largest confusions"))
            #expect(page.body.contains("id=\"genre-form\""))
            #expect(page.body.contains("name=\"energy\" min=\"0\" max=\"1\" step=\"0.01\" value=\"0.9\""))
            // Without JavaScript the server answers the form.
            #expect(page.body.contains("<div id=\"genre-answer\" class=\"panel\"><ol><li><b>"))
        }
    }

    @Test func genreSlidersCarryPlainNumbersInTheirAttributes() async throws {
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/genres")
            // Browsers read "228,000" in a range input as 0: attributes carry plain numbers, the label keeps separators.
            #expect(page.body.contains("name=\"duration_ms\" min=\"30000\" max=\"600000\" step=\"1000\" value=\"228000\""))
            #expect(page.body.contains("<output for=\"f-duration_ms\">228,000</output>"))
            #expect(page.body.contains("name=\"loudness\" min=\"-50\" max=\"5\" step=\"0.5\" value=\"-8\""))
            let asked = try await client.fetch("/genres?duration_ms=312500")
            #expect(asked.body.contains("name=\"duration_ms\" min=\"30000\" max=\"600000\" step=\"1000\" value=\"312500\""))
        }
    }

    @Test func noPageWritesThousandsSeparatorsIntoNumericAttributes() async throws {
        let track: String = try #require(try await WebFixture.scalar("SELECT track_id FROM tracks WHERE id_is_derived = 0 ORDER BY track_id LIMIT 1"))
        try await WebFixture.app().test(.router) { client in
            for uri in ["/", "/genres", "/genres?duration_ms=600000&tempo=220", "/popularity", "/clusters", "/trends",
                        "/trends?by=year", "/recommend?track=\(q(track))&playlist=\(q(track))"] {
                let page = try await client.fetch(uri)
                #expect(page.status == .ok, "\(uri)")
                let separated = page.body.contains(/\s(value|min|max|step|data-[a-z-]+)="-?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?"/)
                #expect(!separated, "\(uri) writes a number with separators into an attribute")
            }
        }
    }

    @Test func trendsByDecadeSayHowManyTracksHaveAYearAndSetSmallDecadesApart() async throws {
        let withYear: Int = try #require(try await WebFixture.scalar("SELECT count(*) FROM tracks WHERE release_year IS NOT NULL"))
        let total: Int = try #require(try await WebFixture.scalar("SELECT count(*) FROM tracks"))
        let decades: [(String, Int)] = try await WebFixture.warehouse.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT ((t.release_year / 10) * 10) || 's' AS decade, count(*) AS n FROM tracks t JOIN audio_features f ON f.track_id = t.track_id
                WHERE t.release_year IS NOT NULL AND f.energy IS NOT NULL GROUP BY 1 ORDER BY 1
                """).map { ($0["decade"], $0["n"]) }
        }
        let small = decades.filter { $0.1 < 20 }, large = decades.filter { $0.1 >= 20 }
        try #require(withYear < total && !small.isEmpty && !large.isEmpty, "the fixture should have a small and a large decade")
        try await WebFixture.app().test(.router) { client in
            let json = try await client.fetch("/api/trends?by=decade")
            #expect(json.json["tracks_with_year"] as? Int == withYear)
            #expect(json.json["tracks_in_scope"] as? Int == total)
            #expect(json.json["small_groups"] as? [String] == small.map(\.0))
            #expect(json.json["group_tracks"] as? [Int] == decades.map(\.1))

            let page = try await client.fetch("/trends?by=decade")
            #expect(page.body.contains("Based on \(withYear) of \(total) tracks: only these have a release year."))
            let list = small.map { "\($0.0) (\($0.1) tracks)" }.joined(separator: ", ")
            #expect(page.body.contains("Not drawn, with fewer than 20 tracks each: \(list)."))
            for (decade, _) in small { #expect(!page.body.contains("<title>mean energy, \(decade):"), "\(decade) is drawn") }
            for (decade, _) in large { #expect(page.body.contains("<title>mean energy, \(decade):"), "\(decade) is not drawn") }

            // Without ?by= the page groups as `jukebox trends` does: fewer than half the tracks have a year, so by genre.
            let byDefault = try await client.fetch("/trends")
            #expect(byDefault.body.contains("Trends are grouped by genre: only \(withYear) of \(total) tracks have a release year."))
            #expect(byDefault.body.contains("<option value=\"genre\" selected>"))
            #expect(try await client.fetch("/api/trends").json["grouping"] as? String == "genre")
        }
    }

    @Test func popularityPageAndExplanation() async throws {
        let explained: String = try #require(try await WebFixture.scalar("""
            SELECT s.track_id FROM shap_values s JOIN model_runs r ON r.run_id = s.run_id
            WHERE r.task = 'popularity' AND r.feature_set = 'full' AND r.is_champion = 1 ORDER BY s.track_id LIMIT 1
            """))
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/popularity")
            #expect(page.body.contains("Predicted vs actual popularity"))
            #expect(page.body.contains("Residuals"))
            #expect(page.body.contains("Mean |SHAP|"))
            #expect(page.body.contains("/popularity/track/"))
            let explanation = try await client.fetch("/popularity/track/\(q(explained))")
            #expect(explanation.status == .ok)
            #expect(explanation.body.contains("What moved the prediction"))
            #expect(explanation.body.contains("<svg"))
            let missing = try await client.fetch("/popularity/track/no-such-track")
            #expect(missing.status == .notFound)
        }
    }

    @Test func clustersPageHasMapProfilesAndPlaylists() async throws {
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/clusters")
            #expect(page.body.contains("Tracks on the first two principal components"))
            #expect(page.body.contains("Cluster centroids"))
            #expect(page.body.contains("most typical tracks"))
            #expect(page.body.contains("/recommend/playlist.m3u?ids="))
        }
    }

    @Test func recommendBuildsAPlaylistAndDownloadsIt() async throws {
        let ids: [String] = try await WebFixture.warehouse.pool.read { try String.fetchAll($0, sql: "SELECT track_id FROM tracks ORDER BY track_id LIMIT 3") }
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/recommend?track=\(q(ids[0]))&playlist=\(ids[1]),\(ids[2])")
            #expect(page.status == .ok)
            #expect(page.body.contains("Because you like"))
            #expect(page.body.contains("<td class=\"reasons\">"))
            #expect(page.body.contains("Download M3U"))
            #expect(page.body.contains("data-suggest"))
            let byName = try await client.fetch("/recommend?q=\(q("Comedy"))")
            #expect(byName.status == .ok)
            #expect(byName.body.contains("Because you like"))
            let unknown = try await client.fetch("/recommend?q=\(q("zzzz no such song zzzz"))")
            #expect(unknown.status == .badRequest)
            #expect(unknown.body.contains("no track"))

            let m3u = try await client.fetch("/recommend/playlist.m3u?ids=\(ids.joined(separator: ","))")
            #expect(m3u.status == .ok)
            #expect(m3u.headers[.contentType] == "audio/x-mpegurl; charset=utf-8")
            #expect(m3u.headers[.contentDisposition]?.contains("attachment") == true)
            #expect(m3u.body.hasPrefix("#EXTM3U\n"))
            #expect(m3u.body.components(separatedBy: "#EXTINF:").count == 4)
        }
    }

    @Test func searchSuggestionsKeepThePlaylist() async throws {
        let ids: [String] = try await WebFixture.warehouse.pool.read { try String.fetchAll($0, sql: "SELECT track_id FROM tracks ORDER BY track_id LIMIT 3") }
        try await WebFixture.app().test(.router) { client in
            // app.js links each suggestion to the input's data-suggest + the track id.
            let page = try await client.fetch("/recommend?track=\(q(ids[0]))&playlist=\(ids[1]),\(ids[2])")
            #expect(page.body.contains("data-suggest=\"/recommend?playlist=\(q(ids[1])),\(q(ids[2]))&amp;track=\""))
            let empty = try await client.fetch("/recommend")
            #expect(empty.body.contains("data-suggest=\"/recommend?track=\""))
            let script = try await client.fetch("/assets/app.js")
            #expect(script.body.contains("input.getAttribute(\"data-suggest\")"))
            #expect(script.body.contains("esc(link + encodeURIComponent(t.track_id))"))
            #expect(!script.body.contains("href=\"/recommend?track="))
        }
    }

    @Test func scriptIsTheOnlyAsset() async throws {
        try await WebFixture.app().test(.router) { client in
            let script = try await client.fetch("/assets/app.js")
            #expect(script.status == .ok)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.body.contains("/api/search"))
        }
    }
}
