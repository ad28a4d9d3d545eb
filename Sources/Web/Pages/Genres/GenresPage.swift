/// Renders the genre page: metrics, the form, per-genre F1 bars, the confusions (the most confused pairs, and a heatmap
/// while it is readable), each chart with its data as CSV; the full confusion matrix is always a download.
enum GenresPage {
    /// Above this many genres a heatmap cell is too small to read or hover: the page keeps to the largest confusions.
    static let heatmapLimit = 20

    /// `lists`: the written-back answers' section (`GenreListsPage`), shown after the form.
    static func body(_ data: GenreData, sliders: [GenreSlider]?, answer: GenreAnswer?, predictionNote: String?,
                     lists: String? = nil, links: ChartLinks? = ChartLinks(path: "/genres.csv")) -> String {
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
        if let sliders { html += form(sliders, answer: answer, predictionNote: predictionNote) }
        if let lists { html += lists }

        let tables = Dictionary(Self.tables(data).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        if !data.perGenreF1.isEmpty, let table = tables["f1-per-genre"] {
            html += "<h2>F1 per genre on the holdout</h2>"
            var chart = BarChart(title: "F1 per genre, best first (\(data.perGenreF1.count) genres)",
                                 bars: data.perGenreF1.map { .init(label: $0.genre, value: $0.f1, title: "\($0.genre): F1 \(HTML.number($0.f1, 3))") },
                                 valueLabel: "F1")
            chart.barHeight = 13
            chart.width = 720
            html += ChartLinks.panel(chart.render(), table, links)
        }
        if let matrix = data.confusionMatrix {
            let n = matrix.labels.count
            html += "<h2>Confusions</h2><p class=\"note\" id=\"confusion-summary\">The pairs of genres the model confuses most on the "
                + "holdout" + (n > heatmapLimit ? "; \(n) genres make a \(n) × \(n) matrix, too large to read as a picture" : "") + ". "
                + (links.map { "<a id=\"confusion-matrix-csv\" href=\"\(HTML.escape($0.href("confusion-matrix")))\" download>Download the full "
                    + "matrix (\(n) × \(n)) as CSV</a>." } ?? "The full matrix is in <code>jukebox models show \(run.runID) --format json</code>.") + "</p>"
            if !data.largestConfusions.isEmpty, let table = tables["confused-pairs"] {
                html += ChartLinks.panel(pairsChart(data.largestConfusions).render(), table, links, id: "confused-pairs")
            }
            if n <= heatmapLimit, let table = tables["confusion-matrix"] {
                html += "<p class=\"note\">Rows are the actual genre, columns the predicted one; colour is the share of the actual "
                    + "genre's holdout rows (square-root scale). Hover a cell for its count.</p>"
                html += ChartLinks.panel(heatmap(matrix).render(), table, links, id: "confusion-heatmap")
            }
            html += "<h3>Largest confusions</h3><table id=\"largest-confusions\"><tr><th>actual</th><th>predicted as</th><th>rows</th><th>share of actual</th></tr>"
            for pair in data.largestConfusions {
                html += "<tr><td>\(HTML.escape(pair.actual))</td><td>\(HTML.escape(pair.predicted))</td>"
                    + "<td class=\"num\">\(HTML.count(pair.count))</td><td class=\"num\">\(HTML.percent(pair.share))</td></tr>"
            }
            html += "</table>"
        }
        return html
    }

    /// The live prediction form: a slider per number, a choice per named value (mode, explicit).
    static func form(_ sliders: [GenreSlider], answer: GenreAnswer?, predictionNote: String?) -> String {
        var html = "<h2>Predict a genre from audio features</h2>"
        html += "<p class=\"note\">Move the sliders: a track known only by its audio features has no artist the models have seen, "
            + "so the audio-only champion answers (the full champion where no audio-only one is trained); the answer names the run. "
            + "Without JavaScript, press Predict.</p>"
        html += "<form id=\"genre-form\" method=\"get\" action=\"/genres\"><div class=\"sliders\">"
        for slider in sliders {
            let id = "f-" + slider.feature, name = HTML.escape(slider.feature)
            if let choices = slider.choices {
                html += "<fieldset id=\"\(id)\" class=\"choice\"><legend>\(name)</legend>"
                for choice in choices {
                    let checked = choice.value == slider.value ? " checked" : ""
                    let value = HTML.attributeNumber(choice.value)
                    html += "<label><input type=\"radio\" id=\"\(id)-\(value)\" name=\"\(name)\" value=\"\(value)\"\(checked)> "
                        + "\(HTML.escape(choice.label))</label>"
                }
                html += "</fieldset>"
                continue
            }
            html += "<div><label for=\"\(id)\">\(name) <output for=\"\(id)\">\(HTML.escape(slider.label))</output></label>"
            html += "<input type=\"range\" id=\"\(id)\" name=\"\(name)\" min=\"\(HTML.attributeNumber(slider.low))\" "
                + "max=\"\(HTML.attributeNumber(slider.high))\" step=\"\(HTML.attributeNumber(slider.step))\" "
                + "value=\"\(HTML.attributeNumber(slider.value))\"></div>"
        }
        html += "</div><p><button type=\"submit\">Predict</button></p></form><div id=\"genre-answer\" class=\"panel\">"
        html += answer?.html ?? "<p class=\"note\">" + HTML.escape(predictionNote ?? "No prediction.") + "</p>"
        return html + "</div>"
    }

    static func heatmap(_ matrix: GenreData.Confusion) -> Heatmap {
        let shares = shares(matrix)
        var heatmap = Heatmap(title: "Actual × predicted genre (\(matrix.labels.count) genres)", rowLabels: matrix.labels,
                              columnLabels: matrix.labels, values: shares, scale: .sequential(max: 1))
        heatmap.cellSize = matrix.labels.count > 15 ? 20 : 30
        heatmap.skipZero = true
        heatmap.showValues = matrix.labels.count <= 15
        heatmap.rowAxis = "actual"
        heatmap.columnAxis = "predicted"
        let labels = matrix.labels, counts = matrix.counts
        heatmap.cellTitle = { r, c, share in
            "actual \(labels[r]) → predicted \(labels[c]): \(HTML.count(counts[r][c])) rows (\(HTML.percent(share)) of \(labels[r]))"
        }
        return heatmap
    }

    /// Each cell as a share of its actual genre's holdout rows.
    static func shares(_ matrix: GenreData.Confusion) -> [[Double]] {
        matrix.counts.map { row in
            let total = max(1, row.reduce(0, +))
            return row.map { Double($0) / Double(total) }
        }
    }

    static func pairsChart(_ pairs: [GenreData.ConfusionPair]) -> BarChart {
        var chart = BarChart(title: "The \(pairs.count) most confused pairs: holdout rows of the actual genre predicted as the other",
                             bars: pairs.map { pair in
                                 .init(label: "\(pair.actual) → \(pair.predicted)", value: Double(pair.count),
                                       title: "actual \(pair.actual) → predicted \(pair.predicted): \(HTML.count(pair.count)) rows "
                                           + "(\(HTML.percent(pair.share)) of \(pair.actual))")
                             }, valueLabel: "holdout rows")
        chart.labelLimit = 40
        chart.decimals = 0
        chart.width = 760
        return chart
    }

    /// F1 per genre; the full confusion matrix (counts, rows actual, columns predicted); the most confused pairs.
    static func tables(_ data: GenreData) -> [ChartTable] {
        var tables = [ChartTable(name: "f1-per-genre", columns: ["genre", "f1"],
                                 rows: data.perGenreF1.map { [$0.genre, ChartTable.number($0.f1)] })]
        if let matrix = data.confusionMatrix {
            tables.append(ChartTable(name: "confusion-matrix", columns: ["actual \\ predicted"] + matrix.labels,
                                     rows: zip(matrix.labels, matrix.counts).map { [$0.0] + $0.1.map(String.init) }))
            tables.append(ChartTable(name: "confused-pairs", columns: ["actual", "predicted", "rows", "share_of_actual"],
                                     rows: data.largestConfusions.map { [$0.actual, $0.predicted, String($0.count), ChartTable.number($0.share)] }))
        }
        return tables
    }
}
