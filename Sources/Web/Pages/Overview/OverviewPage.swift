/// Renders the overview: counts as cards, histograms, the correlation heatmap, each chart with its data as CSV.
enum OverviewPage {
    static func body(_ data: OverviewData, links: ChartLinks? = ChartLinks(path: "/overview.csv")) -> String {
        let c = data.counts
        let cards: [(String, Int)] = [("tracks", c.tracks), ("artists", c.artists), ("albums", c.albums), ("genres", c.genres),
                                      ("with audio features", data.tracksWithAudioFeatures), ("playlists", c.playlists),
                                      ("listens", c.listens), ("listeners", data.listeners), ("trained models", data.trainedModels),
                                      ("ingests", c.ingests), ("rejects", c.rejects)]
        var html = "<div class=\"cards\" id=\"overview-counts\">"
        for (label, value) in cards { html += "<div class=\"card\"><b>\(HTML.count(value))</b><span>\(label)</span></div>" }
        html += "</div>"
        let tables = Self.tables(data)
        html += "<h2>Audio features</h2><div class=\"grid\">"
        for (histogram, table) in zip(data.histograms, tables) { html += ChartLinks.panel(histogram.render(), table, links) }
        html += "</div><h2>Feature correlations</h2>"
        var heatmap = Heatmap(title: "Pearson correlation between audio features", rowLabels: data.correlation.features,
                              columnLabels: data.correlation.features, values: data.correlation.values, scale: .diverging(limit: 1))
        heatmap.cellSize = 44
        html += ChartLinks.panel(heatmap.render(), tables[tables.count - 1], links)
        return html
    }

    /// One table per histogram (in the histograms' order), then the correlation matrix.
    static func tables(_ data: OverviewData) -> [ChartTable] {
        data.histograms.map { histogram in
            ChartTable(name: "histogram-" + histogram.xLabel, columns: [histogram.xLabel + "_from", histogram.xLabel + "_to", "tracks"],
                       rows: histogram.bins.map { [ChartTable.number($0.low), ChartTable.number($0.high), String($0.count)] })
        } + [ChartTable(name: "correlation", columns: ["feature"] + data.correlation.features,
                        rows: zip(data.correlation.features, data.correlation.values).map { [$0.0] + $0.1.map(ChartTable.number) })]
    }
}
