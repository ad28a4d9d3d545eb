/// Renders the overview: counts as cards, histograms, the correlation heatmap.
enum OverviewPage {
    static func body(_ data: OverviewData) -> String {
        let c = data.counts
        let cards: [(String, Int)] = [("tracks", c.tracks), ("artists", c.artists), ("albums", c.albums), ("genres", c.genres),
                                      ("ingests", c.ingests), ("rejects", c.rejects),
                                      ("with audio features", data.tracksWithAudioFeatures)]
        var html = "<div class=\"cards\">"
        for (label, value) in cards { html += "<div class=\"card\"><b>\(HTML.count(value))</b><span>\(label)</span></div>" }
        html += "</div>"
        html += "<h2>Audio features</h2><div class=\"grid\">"
        for histogram in data.histograms { html += "<div class=\"panel\">" + histogram.render() + "</div>" }
        html += "</div><h2>Feature correlations</h2>"
        var heatmap = Heatmap(title: "Pearson correlation between audio features", rowLabels: data.correlation.features,
                              columnLabels: data.correlation.features, values: data.correlation.values, scale: .diverging(limit: 1))
        heatmap.cellSize = 44
        html += "<div class=\"panel\">" + heatmap.render() + "</div>"
        return html
    }
}
