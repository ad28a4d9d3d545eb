import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// Every chart offers its data as CSV (Streamlit's download button, Datasette's `.csv`), through Core's one CSV writer,
/// and the rows are the numbers the page and its JSON show.
@Suite struct ChartDownloadTests {
    /// The `href`s of a page's "Download CSV" links, unescaped.
    static func csvLinks(_ body: String) -> [String] {
        body.matches(of: /<a class="csv" href="([^"]+)" download>Download CSV<\/a>/).map { String($0.1).replacingOccurrences(of: "&amp;", with: "&") }
    }

    /// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
    static func rows(_ csv: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var scalars = Array(csv.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { field.unicodeScalars.append("\""); scalars.removeFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r" {
                continue
            } else if c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else { field.unicodeScalars.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// Equal but for the last bits JSONSerialization may lose reading a number back (the CSV keeps Swift's exact digits).
    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) }
    }

    @Test func everyChartOnEveryPageLinksItsDataAsCSV() async throws {
        let explained: String = try #require(try await WebFixture.scalar("""
            SELECT s.track_id FROM shap_values s JOIN model_runs r ON r.run_id = s.run_id
            WHERE r.task = 'popularity' AND r.feature_set = 'full' AND r.is_champion = 1 ORDER BY s.track_id LIMIT 1
            """))
        try await WebFixture.app().test(.router) { client in
            for uri in ["/", "/genres", "/popularity", "/popularity/track/\(q(explained))", "/clusters", "/trends",
                        "/trends?by=year&feature=energy&feature=valence&artist=\(q("Britney Spears"))"] {
                let page = try await client.fetch(uri)
                #expect(page.status == .ok, "\(uri)")
                let charts = page.body.components(separatedBy: "<svg ").count - 1
                let links = Self.csvLinks(page.body)
                #expect(charts > 0 && links.count == charts, "\(uri): \(charts) charts, \(links.count) CSV links")
                for link in links {
                    let csv = try await client.fetch(link)
                    #expect(csv.status == .ok, "\(link)")
                    #expect(csv.headers[.contentType] == "text/csv; charset=utf-8", "\(link)")
                    #expect(csv.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"jukebox-") == true, "\(link)")
                    let rows = Self.rows(csv.body)
                    #expect(rows.count > 1 && rows.allSatisfy { $0.count == rows[0].count }, "\(link): \(rows.prefix(3))")
                }
            }
            let unknown = try await client.fetch("/genres.csv?chart=pie")
            #expect(unknown.status == .notFound)
            #expect(unknown.body.contains("f1-per-genre, confusion-matrix, confused-pairs"))
        }
    }

    @Test func chartDownloadsHoldThePagesNumbers() async throws {
        try await WebFixture.app().test(.router) { client in
            // The correlation heatmap: every coefficient at full precision, as /api/overview has it.
            let overview = try await client.fetch("/api/overview").json
            let correlation = try #require(overview["correlation"] as? [String: Any])
            let features = try #require(correlation["features"] as? [String]), values = try #require(correlation["values"] as? [[Double]])
            let matrix = Self.rows(try await client.fetch("/overview.csv?chart=correlation").body)
            #expect(matrix[0] == ["feature"] + features)
            for (r, row) in matrix.dropFirst().enumerated() {
                #expect(row[0] == features[r])
                #expect(Self.same(row.dropFirst().map { Double($0)! }, values[r]))
            }
            // The full confusion matrix, every count, as the champion stored it.
            let genres = try await client.fetch("/api/genres").json
            let confusion = try #require(genres["confusion_matrix"] as? [String: Any])
            let labels = try #require(confusion["labels"] as? [String]), counts = try #require(confusion["counts"] as? [[Int]])
            let full = Self.rows(try await client.fetch("/genres.csv?chart=confusion-matrix").body)
            #expect(full.count == labels.count + 1 && full[0] == ["actual \\ predicted"] + labels)
            #expect(full.dropFirst().map { $0[0] } == labels)
            #expect(full.dropFirst().map { $0.dropFirst().map { Int($0)! } } == counts)
            // A trend: every group with its count and mean, as /api/trends gives them (the small ones too, marked not drawn).
            let trends = try await client.fetch("/api/trends?by=decade&feature=energy").json
            let points = try #require((trends["features"] as? [[String: Any]])?.first?["points"] as? [[String: Any]])
            let small = Set(trends["small_groups"] as? [String] ?? [])
            let energy = Self.rows(try await client.fetch("/trends.csv?chart=energy&by=decade&feature=energy").body)
            #expect(energy[0] == ["decade", "count", "mean", "median", "q1", "q3", "drawn"])
            #expect(energy.dropFirst().map { $0[0] } == points.map { $0["group"] as! String })
            #expect(energy.dropFirst().map { Int($0[1])! } == points.map { $0["count"] as! Int })
            #expect(Self.same(energy.dropFirst().map { Double($0[2])! }, points.map { $0["mean"] as! Double }))
            #expect(energy.dropFirst().map { $0[6] } == points.map { small.contains($0["group"] as! String) ? "no" : "yes" })
        }
    }

    @Test func chartDownloadsGuardFormulasLikeEveryWebDownload() {
        let table = ChartTable(name: "t", columns: ["genre", "value"], rows: [["=HYPERLINK(\"x\")", "-0.5"], ["a,b", "1"]])
        #expect(table.csv == "genre,value\r\n\"'=HYPERLINK(\"\"x\"\")\",-0.5\r\n\"a,b\",1\r\n")
    }
}
