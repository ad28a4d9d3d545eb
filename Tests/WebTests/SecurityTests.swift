import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// Hostile names are escaped everywhere, the console cannot write, unknown addresses are 404 pages,
/// and nothing outside the app's one script is served.
@Suite struct SecurityTests {
    static let escapedTrack = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"

    @Test func hostileTrackNameIsEscapedOnEveryPageThatShowsIt() async throws {
        let id: String = try #require(try await WebFixture.scalar("SELECT track_id FROM tracks WHERE name LIKE '<script>%'"))
        try await WebFixture.app().test(.router) { client in
            for uri in ["/recommend?track=\(q(id))", "/recommend?q=\(q(WebFixture.hostileTrack))", "/recommend?playlist=\(q(id))",
                        "/sql?q=\(q("SELECT name FROM tracks WHERE name LIKE '<script>%'"))", "/popularity/track/\(q(id))"] {
                let page = try await client.fetch(uri)
                #expect(page.status == .ok, "\(uri)")
                #expect(page.body.contains(Self.escapedTrack), "\(uri) does not show the name escaped")
                #expect(!page.body.contains("<script>alert(1)"), "\(uri) shows the name raw")
                #expect(!page.body.contains("<b>Evil</b>"), "\(uri) shows the artist raw")
            }
            // The genre name reaches the genre page's metrics, charts and confusion matrix.
            let genres = try await client.fetch("/genres")
            #expect(!genres.body.contains("<i>\"noise\"</i>"))
            let trends = try await client.fetch("/trends?by=genre&feature=energy")
            #expect(trends.body.contains("&lt;i&gt;&quot;noise&quot;&lt;/i&gt;"))
            #expect(!trends.body.contains("<i>\"noise\"</i>"))
            // The form echoes what was typed, escaped.
            let echoed = try await client.fetch("/trends?genre=\(q("\"><script>alert(2)</script>"))")
            #expect(!echoed.body.contains("<script>alert(2)"))
            #expect(echoed.status == .badRequest)
            // JSON carries the name as data.
            let search = try await client.fetch("/api/search?q=\(q("<script>"))")
            let tracks = try #require(search.json["tracks"] as? [[String: Any]])
            #expect(tracks.first?["name"] as? String == WebFixture.hostileTrack)
            // M3U: the hostile track has a derived id, which no player can open: an error that says why, not an empty file.
            let m3u = try await client.fetch("/recommend/playlist.m3u?ids=\(q(id))")
            #expect(m3u.status == .badRequest)
            #expect(m3u.body.contains("has a Spotify id"))
            #expect(!m3u.body.contains("<script>alert(1)"))
        }
    }

    @Test func sqlConsoleRefusesWrites() async throws {
        let before: Int = try #require(try await WebFixture.scalar("SELECT count(*) FROM tracks"))
        try await WebFixture.app().test(.router) { client in
            for sql in ["DROP TABLE tracks", "DELETE FROM tracks", "SELECT 1; DROP TABLE tracks", "ATTACH DATABASE '/tmp/x.sqlite' AS x",
                        "PRAGMA journal_mode = DELETE"] {
                let page = try await client.fetch("/sql?q=\(q(sql))")
                #expect(page.status == .badRequest, "\(sql)")
                #expect(page.body.contains("refused") || page.body.contains("statement 1"), "\(sql)")
                let api = try await client.fetch("/api/sql?q=\(q(sql))")
                #expect(api.status == .badRequest)
                #expect(api.json["error"] is String)
                let csv = try await client.fetch("/sql.csv?q=\(q(sql))")
                #expect(csv.status == .badRequest)
            }
        }
        let after: Int = try #require(try await WebFixture.scalar("SELECT count(*) FROM tracks"))
        #expect(before == after)
    }

    @Test func sqlConsoleReadsAndDownloadsCSV() async throws {
        try await WebFixture.app().test(.router) { client in
            let sql = "SELECT track_name, popularity FROM v_tracks ORDER BY track_id LIMIT 5"
            let page = try await client.fetch("/sql?q=\(q(sql))")
            #expect(page.body.contains("Statement 1: 5 rows"))
            #expect(page.body.contains("Download CSV"))
            let csv = try await client.fetch("/sql.csv?q=\(q(sql))")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.body.hasPrefix("track_name,popularity\r\n"))
            #expect(csv.body.components(separatedBy: "\r\n").count == 7)
            let api = try await client.fetch("/api/sql?q=\(q(sql))")
            let statements = try #require(api.json["statements"] as? [[String: Any]])
            #expect((statements.first?["rows"] as? [Any])?.count == 5)
            #expect(api.json["max_rows"] as? Int == 10_000)
            let broken = try await client.fetch("/sql?q=\(q("SELECT nope FROM nowhere"))")
            #expect(broken.status == .badRequest)
            #expect(broken.body.contains("no such"))
        }
    }

    @Test func unknownAddressesAreNotFoundPages() async throws {
        try await WebFixture.app().test(.router) { client in
            for uri in ["/nope", "/assets/app.css", "/assets/../Package.swift", "/assets/%2e%2e/Package.swift", "/etc/passwd",
                        "/genres/extra", "/Package.swift"] {
                let page = try await client.fetch(uri)
                #expect(page.status == .notFound, "\(uri)")
                #expect(page.body.contains("<h1>Not found</h1>"), "\(uri)")
                #expect(!page.body.contains("swift"), "\(uri) leaks details")
            }
            let api = try await client.fetch("/api/nope")
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType] == "application/json; charset=utf-8")
            #expect(api.json["error"] is String)
        }
    }
}
