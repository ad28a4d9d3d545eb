/// Renders the genre page: metrics, per-genre F1 bars, the confusion heatmap, the largest confusions and the form.
enum GenresPage {
    static func body(_ data: GenreData, sliders: [GenreSlider]?, answer: GenreAnswer?, predictionNote: String?) -> String {
        guard let run = data.run else {
            return "<p class=\"note\">No genre model has been trained yet: run <code>jukebox train genre</code>.</p>"
        }
        var html = run.summaryHTML
        let m = data.metrics
        let cards: [(String, Double?)] = [("accuracy", m.accuracy), ("top-3 accuracy", m.top3Accuracy), ("any-tag accuracy", m.anyTagAccuracy),
                                          ("macro F1", m.macroF1), ("weighted F1", m.weightedF1)]
        html += "<div class=\"cards\">"
        for (label, value) in cards { html += "<div class=\"card\"><b>\(HTML.number(value, 3))</b><span>\(label)</span></div>" }
        if let rows = m.holdoutRows { html += "<div class=\"card\"><b>\(HTML.count(rows))</b><span>holdout rows</span></div>" }
        html += "</div>"

        if let sliders {
            html += "<h2>Predict a genre from audio features</h2>"
            html += "<p class=\"note\">Move the sliders: a track known only by its audio features has no artist the models have seen, "
                + "so the audio-only champion answers (the full champion where no audio-only one is trained); the answer names the run. "
                + "Without JavaScript, press Predict.</p>"
            html += "<form id=\"genre-form\" method=\"get\" action=\"/genres\"><div class=\"sliders\">"
            for slider in sliders {
                let id = "f-" + slider.feature
                html += "<div><label for=\"\(id)\">\(HTML.escape(slider.feature)) <output for=\"\(id)\">\(HTML.escape(slider.label))</output></label>"
                html += "<input type=\"range\" id=\"\(id)\" name=\"\(HTML.escape(slider.feature))\" min=\"\(HTML.attributeNumber(slider.low))\" "
                    + "max=\"\(HTML.attributeNumber(slider.high))\" step=\"\(HTML.attributeNumber(slider.step))\" "
                    + "value=\"\(HTML.attributeNumber(slider.value))\"></div>"
            }
            html += "</div><p><button type=\"submit\">Predict</button></p></form><div id=\"genre-answer\" class=\"panel\">"
            if let answer {
                html += answer.html
            } else {
                html += "<p class=\"note\">" + HTML.escape(predictionNote ?? "No prediction.") + "</p>"
            }
            html += "</div>"
        }

        if !data.perGenreF1.isEmpty {
            html += "<h2>F1 per genre on the holdout</h2>"
            var chart = BarChart(title: "F1 per genre, best first (\(data.perGenreF1.count) genres)",
                                 bars: data.perGenreF1.map { .init(label: $0.genre, value: $0.f1, title: "\($0.genre): F1 \(HTML.number($0.f1, 3))") },
                                 valueLabel: "F1")
            chart.barHeight = 13
            chart.width = 720
            html += "<div class=\"panel\">" + chart.render() + "</div>"
        }
        if let matrix = data.confusionMatrix {
            html += "<h2>Confusion matrix</h2><p class=\"note\">Rows are the actual genre, columns the predicted one; colour is the "
                + "share of the actual genre's holdout rows (square-root scale). Hover a cell for its count.</p>"
            let rowTotals = matrix.counts.map { max(1, $0.reduce(0, +)) }
            let shares = matrix.counts.enumerated().map { r, row in row.map { Double($0) / Double(rowTotals[r]) } }
            var heatmap = Heatmap(title: "Actual × predicted genre (\(matrix.labels.count) genres)", rowLabels: matrix.labels,
                                  columnLabels: matrix.labels, values: shares, scale: .sequential(max: 1))
            heatmap.cellSize = matrix.labels.count > 40 ? 7 : matrix.labels.count > 15 ? 14 : 30
            heatmap.skipZero = true
            heatmap.showValues = matrix.labels.count <= 15
            heatmap.rowAxis = "actual"
            heatmap.columnAxis = "predicted"
            let labels = matrix.labels, counts = matrix.counts
            heatmap.cellTitle = { r, c, share in
                "actual \(labels[r]) → predicted \(labels[c]): \(HTML.count(counts[r][c])) rows (\(HTML.percent(share)) of \(labels[r]))"
            }
            html += "<div class=\"panel\">" + heatmap.render() + "</div>"
            html += "<h3>Largest confusions</h3><table><tr><th>actual</th><th>predicted as</th><th>rows</th><th>share of actual</th></tr>"
            for pair in data.largestConfusions {
                html += "<tr><td>\(HTML.escape(pair.actual))</td><td>\(HTML.escape(pair.predicted))</td>"
                    + "<td class=\"num\">\(HTML.count(pair.count))</td><td class=\"num\">\(HTML.percent(pair.share))</td></tr>"
            }
            html += "</table>"
        }
        return html
    }
}
