/// Renders the popularity page and the per-track explanation page.
enum PopularityPage {
    /// The stored metrics' keys as the cards name them, in the cards' order.
    static let metricLabels: [(key: String, label: String)] = [
        ("r2", "R²"), ("mae", "mean absolute error"), ("rmse", "root mean squared error"), ("mse", "mean squared error"),
        ("holdout_rows", "holdout rows"), ("shap_expected_value", "average prediction (SHAP base)"),
    ]

    static func body(_ data: PopularityData, links: ChartLinks? = ChartLinks(path: "/popularity.csv")) -> String {
        guard let run = data.run else {
            return "<p class=\"note\">No popularity model has been trained yet: run <code>jukebox train popularity</code>.</p>"
        }
        let tables = Self.tables(data)
        var html = run.summaryHTML + "<div class=\"cards\">"
        let known = metricLabels.map(\.key).filter { data.metrics[$0] != nil }
        let others = data.metrics.keys.filter { key in !metricLabels.contains { $0.key == key } }.sorted()
        for key in known + others {
            let value = data.metrics[key] ?? .nan
            let shown = value.isFinite && value == value.rounded() && abs(value) < 1e12 ? HTML.count(Int(value)) : HTML.number(value, 3)
            let label = metricLabels.first { $0.key == key }?.label ?? key.replacingOccurrences(of: "_", with: " ")
            html += "<div class=\"card\"><b>\(shown)</b><span>\(HTML.escape(label))</span></div>"
        }
        html += "</div><h2>Predicted against actual</h2><p class=\"note\">On the holdout tracks, which the model never trained on, "
            + "like the figures above.</p>"
        var scatter = ScatterPlot(
            title: "Predicted vs actual popularity (\(HTML.count(data.sample.count)) of \(HTML.count(data.holdoutTracks)) holdout tracks)",
            points: data.sample.map { p in
                .init(x: p.actual, y: p.predicted,
                      title: "\(TrackRef(trackID: p.trackID, name: p.name, artists: p.artists).label): actual \(Ticks.label(p.actual)), predicted \(HTML.number(p.predicted, 1))")
            }, xLabel: "actual popularity", yLabel: "predicted popularity")
        scatter.diagonal = true
        html += "<div class=\"grid\">" + ChartLinks.panel(scatter.render(), tables[0], links)
        var histogram = data.residualHistogram
        histogram.width = 560
        histogram.height = 300
        html += ChartLinks.panel(histogram.render(), tables[1], links) + "</div>"

        html += "<h2>Feature importance</h2><div class=\"grid\">"
        for (method, title, rows) in importances(data) {
            var chart = BarChart(title: title, bars: rows.map { row in
                .init(label: row.feature, value: row.value,
                      title: "\(row.feature): \(HTML.number(row.value, 4))" + (row.spread.map { " ± \(HTML.number($0, 4))" } ?? ""))
            })
            chart.width = 440
            chart.decimals = 3
            html += ChartLinks.panel(chart.render(), tables[tables.firstIndex { $0.name == "importance-" + method }!], links)
        }
        html += "</div>"

        if !data.explained.isEmpty {
            // The report has no explanation pages to link to: it lists the misses and says where the reasons are.
            html += links != nil
                ? "<h2>Explanations per track</h2><p class=\"note\">SHAP values are stored for a sample of holdout tracks; "
                    + "these are the ones the model got most wrong.</p>"
                : "<h2>Biggest misses</h2><p class=\"note\">The holdout tracks with stored SHAP values that the model got most "
                    + "wrong; <code>jukebox explain TRACK</code> or the web app shows what pushed each prediction.</p>"
            html += "<table><tr><th>track</th><th>actual</th><th>predicted</th></tr>"
            for p in data.explained {
                let label = HTML.escape(TrackRef(trackID: p.trackID, name: p.name, artists: p.artists).label)
                let cell = links != nil ? "<a href=\"/popularity/track/\(HTML.query(p.trackID))\">\(label)</a>" : label
                html += "<tr><td>\(cell)</td><td class=\"num\">\(Ticks.label(p.actual))</td><td class=\"num\">\(HTML.number(p.predicted, 1))</td></tr>"
            }
            html += "</table>"
        }
        return html
    }

    static func explanation(_ e: PopularityExplanation) -> String {
        var html = "<p><b>\(HTML.escape(e.track.label))</b> <span class=\"muted\">\(HTML.escape(e.track.trackID))</span></p>"
        html += "<div class=\"cards\"><div class=\"card\"><b>\(HTML.number(e.actual, 0))</b><span>actual popularity</span></div>"
        html += "<div class=\"card\"><b>\(HTML.number(e.predicted, 1))</b><span>predicted (run \(e.runID))</span></div>"
        html += "<div class=\"card\"><b>\(HTML.number(e.baseValue, 1))</b><span>model's average answer</span></div></div>"
        if e.contributions.isEmpty {
            html += "<p class=\"note\">No SHAP values are stored for this track (they are stored for a sample of holdout tracks). "
                + "<a href=\"/popularity\">Pick one from the list</a>.</p>"
            return html
        }
        let chart = BarChart(title: "What moved the prediction (SHAP, popularity points)", bars: e.contributions.map { c in
            let shown = c.featureValue.map { " = " + Ticks.label(($0 * 1000).rounded() / 1000) } ?? ""
            return .init(label: c.feature + shown, value: c.value, title: "\(c.feature)\(shown): \(c.value >= 0 ? "+" : "")\(HTML.number(c.value, 2)) points",
                         color: c.value >= 0 ? "#b2182b" : "#2166ac")
        })
        html += ChartLinks.panel(chart.render(), table(e), ChartLinks(path: "/popularity/shap.csv", query: [("track", e.track.trackID)]))
        html += "<p class=\"note\">Red pushes the prediction up, blue down. The average answer plus every contribution is the prediction.</p>"
        return html
    }

    /// The importance charts as drawn: by method, biggest first; gain as each feature's share of the total.
    static func importances(_ data: PopularityData) -> [(method: String, title: String, rows: [PopularityData.Importance])] {
        let methods = [("gain", "Gain (share of loss reduction)"), ("permutation", "Permutation (score drop)"), ("mean_abs_shap", "Mean |SHAP| (popularity points)")]
        return methods.compactMap { method, title in
            var rows = data.importances.filter { $0.method == method }.sorted { $0.value > $1.value }
            guard !rows.isEmpty else { return nil }
            // Gain is stored as the trees' summed loss reduction; the chart shows each feature's share of it.
            let total = rows.reduce(0) { $0 + $1.value }
            if method == "gain", total > 0 {
                rows = rows.map { var share = $0; share.value /= total; share.spread = share.spread.map { $0 / total }; return share }
            }
            return (method, title, rows)
        }
    }

    /// Predicted against actual (the drawn sample), the residual histogram's bins, then each importance chart.
    static func tables(_ data: PopularityData) -> [ChartTable] {
        [ChartTable(name: "predicted-vs-actual", columns: ["track_id", "track_name", "artists", "actual", "predicted"],
                    rows: data.sample.map { [$0.trackID, $0.name, $0.artists, ChartTable.number($0.actual), ChartTable.number($0.predicted)] }),
         ChartTable(name: "residuals", columns: ["residual_from", "residual_to", "tracks"],
                    rows: data.residualHistogram.bins.map { [ChartTable.number($0.low), ChartTable.number($0.high), String($0.count)] })]
            + importances(data).map { method, _, rows in
                ChartTable(name: "importance-" + method, columns: ["feature", "value", "spread"],
                           rows: rows.map { [$0.feature, ChartTable.number($0.value), ChartTable.number($0.spread)] })
            }
    }

    /// One track's SHAP contributions as its chart draws them, after the model's average answer.
    static func table(_ e: PopularityExplanation) -> ChartTable {
        ChartTable(name: "shap", columns: ["feature", "feature_value", "contribution"],
                   rows: [["(average answer)", "", ChartTable.number(e.baseValue)]]
                       + e.contributions.map { [$0.feature, ChartTable.number($0.featureValue), ChartTable.number($0.value)] })
    }
}
