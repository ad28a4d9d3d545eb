import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// The Genres page: the most confused pairs read as a chart (a 114 × 114 heatmap does not), the full matrix is a
/// download, and mode and explicit are choices with the values the API takes.
@Suite struct GenrePageTests {
    @Test func theMostConfusedPairsAreChartedAndTheFullMatrixDownloads() async throws {
        try await WebFixture.app().test(.router) { client in
            let json = try await client.fetch("/api/genres").json
            let pairs = try #require(json["largest_confusions"] as? [[String: Any]])
            try #require(!pairs.isEmpty)
            let page = try await client.fetch("/genres")
            let chart = try #require(page.body.components(separatedBy: "id=\"confused-pairs\"").dropFirst().first)
            for pair in pairs {
                let actual = pair["actual"] as! String, predicted = pair["predicted"] as! String, count = pair["count"] as! Int
                #expect(chart.contains("<title>actual \(HTML.escape(actual)) → predicted \(HTML.escape(predicted)): \(HTML.count(count)) rows"))
            }
            #expect(page.body.contains("<a id=\"confusion-matrix-csv\" href=\"/genres.csv?chart=confusion-matrix\" download>Download the full matrix"))
            let labels = try #require((json["confusion_matrix"] as? [String: Any])?["labels"] as? [String])
            let pairsCSV = ChartDownloadTests.rows(try await client.fetch("/genres.csv?chart=confused-pairs").body)
            #expect(pairsCSV[0] == ["actual", "predicted", "rows", "share_of_actual"])
            #expect(pairsCSV.dropFirst().map { [$0[0], $0[1], $0[2]] } == pairs.map { ["\($0["actual"]!)", "\($0["predicted"]!)", "\($0["count"]!)"] })
            #expect(labels.count <= GenresPage.heatmapLimit && page.body.contains("id=\"confusion-heatmap\""))
        }
    }

    @Test func aMatrixTooLargeToReadIsNotDrawnButOffered() throws {
        // 114 genres, as the bundled dump has: no heatmap, the pairs chart and the full matrix as a download instead.
        let labels = (0..<114).map { "genre \($0)" }
        let counts = (0..<114).map { r in (0..<114).map { c in r == c ? 50 : (c == (r + 1) % 114 ? 7 + r % 5 : 0) } }
        let matrix = try JSONDecoder().decode(GenreData.Confusion.self,
                                              from: try JSONSerialization.data(withJSONObject: ["labels": labels, "counts": counts]))
        let data = GenreData(run: GenreDataFixture.run, metrics: .empty, perGenreF1: [], confusionMatrix: matrix,
                             largestConfusions: GenreData.largest(matrix, limit: 25))
        let html = GenresPage.body(data, sliders: nil, answer: nil, predictionNote: nil)
        #expect(!html.contains("id=\"confusion-heatmap\"") && !html.contains("Actual × predicted genre"))
        #expect(html.contains("114 genres make a 114 × 114 matrix, too large to read as a picture"))
        #expect(html.contains("Download the full matrix (114 × 114) as CSV"))
        #expect(html.contains("<title>actual genre 4 → predicted genre 5: 11 rows (18.0% of genre 4)</title>"))
        let full = ChartDownloadTests.rows(GenresPage.tables(data).first { $0.name == "confusion-matrix" }!.csv)
        #expect(full.count == 115 && full.allSatisfy { $0.count == 115 } && full[5][6] == "11")
    }

    @Test func modeAndExplicitAreChoicesWithTheValuesTheAPITakes() async throws {
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/genres?mode=0&explicit=1")
            #expect(page.status == .ok)
            #expect(page.body.contains("<fieldset id=\"f-mode\" class=\"choice\"><legend>mode</legend>"
                + "<label><input type=\"radio\" id=\"f-mode-1\" name=\"mode\" value=\"1\"> major</label>"
                + "<label><input type=\"radio\" id=\"f-mode-0\" name=\"mode\" value=\"0\" checked> minor</label></fieldset>"))
            #expect(page.body.contains("<input type=\"radio\" id=\"f-explicit-1\" name=\"explicit\" value=\"1\" checked> explicit</label>"))
            #expect(!page.body.contains("type=\"range\" id=\"f-mode\"") && !page.body.contains("type=\"range\" id=\"f-explicit\""))
            #expect(page.body.contains("type=\"range\" id=\"f-energy\""))
            // The form's answer is the API's for the same values.
            let minor = try await client.fetch("/api/genres/predict?mode=0&explicit=1").json["predictions"] as? [[String: Any]]
            let first = try #require(minor?.first)
            #expect(page.body.contains("<div id=\"genre-answer\" class=\"panel\"><ol><li><b>\(HTML.escape(first["genre"] as! String))</b> "
                + HTML.percent(first["probability"] as? Double)))
        }
    }
}

/// A champion run to render a page around, without a warehouse.
enum GenreDataFixture {
    static let run = RunInfo(runID: 7, task: "genre", featureSet: "full", algorithm: "stacked", finishedAt: nil, trainRows: 10, testRows: 5,
                             metrics: .genre(.empty))
}
