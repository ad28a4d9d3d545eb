import Foundation
import Testing
@testable import Web

/// The chart library and the report, without the server.
@Suite struct RenderingTests {
    @Test func escapingCoversMarkupCharacters() {
        #expect(HTML.escape(#"<a href="x">&'"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
        #expect(HTML.escape("plain") == "plain")
        #expect(HTML.count(1_234_567) == "1,234,567")
    }

    @Test func chartsEscapeLabelsAndTitles() {
        let hostile = "<script>x</script>&"
        let charts = [
            BarChart(title: hostile, bars: [.init(label: hostile, value: 1), .init(label: "b", value: -0.5)]).render(),
            Histogram(title: hostile, bins: Histogram.bins([1, 2, 3, 4]), xLabel: hostile).render(),
            LineChart(title: hostile, categories: [hostile, "b"], series: [.init(name: hostile, values: [1, 2], band: [(0.5, 1.5), nil])],
                      yLabel: hostile).render(),
            ScatterPlot(title: hostile, points: [.init(x: 1, y: 2, title: hostile)], xLabel: hostile, yLabel: hostile).render(),
            Heatmap(title: hostile, rowLabels: [hostile], columnLabels: [hostile], values: [[0.5]], scale: .diverging(limit: 1)).render(),
        ]
        for svg in charts {
            #expect(svg.hasPrefix("<svg"))
            #expect(svg.contains("<title>&lt;script&gt;x&lt;/script&gt;&amp;</title>"))
            #expect(!svg.contains("<script>"))
        }
    }

    @Test func ticksAreRoundAndInside() {
        for (low, high) in [(0.0, 1.0), (0.0, 100.0), (-60.0, 3.5), (30_000.0, 600_000.0)] {
            let ticks = Ticks.nice(low, high, count: 5)
            #expect(ticks.count >= 3 && ticks.count <= 11)
            #expect(ticks.allSatisfy { $0 >= low - 1e-9 && $0 <= high + 1e-9 })
        }
    }

    @Test func reportIsSelfContained() async throws {
        // The report reads synchronously: render it on its own thread, not on one that async page reads need.
        let html = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String, any Error>) in
            Thread { continuation.resume(with: Result { try WebReport.render(warehouse: WebFixture.warehouse) }) }.start()
        }
        for section in ["id=\"overview\"", "id=\"genres\"", "id=\"popularity\"", "id=\"clusters\""] { #expect(html.contains(section)) }
        #expect(html.contains("<svg"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\""))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<b>Evil</b>"))
        // No explanation pages to link to: the list of misses says where the reasons are instead.
        #expect(html.contains("<h2>Biggest misses</h2>") && html.contains("<code>jukebox explain TRACK</code>"))
        #expect(!html.contains("Explanations per track") && !html.contains("href=\"/popularity/track/"))
    }
}
