import Foundation
import Store

/// `jukebox report`: one self-contained HTML file (inline CSS and SVG, no script) with the overview, genre,
/// popularity and clusters sections, drawn by the same renderers as the web pages.
public enum WebReport {
    public static func render(warehouse: Warehouse) throws -> String {
        let services = WebServices(warehouse: warehouse)
        let overview = try services.cachedNow("overview", OverviewData.load)
        let genres = try services.cachedNow("genres", GenreData.load)
        let popularity = try services.cachedNow("popularity", PopularityData.load)
        let clusters = try services.cachedNow("clusters", ClusterData.load)
        let generated = ISO8601DateFormatter().string(from: Date())
        var body = "<p class=\"note\">Generated \(HTML.escape(generated)) from <code>\(HTML.escape(warehouse.path))</code>.</p>"
        body += "<nav class=\"toc\"><a href=\"#overview\">Overview</a> · <a href=\"#genres\">Genres</a> · "
            + "<a href=\"#popularity\">Popularity</a> · <a href=\"#clusters\">Clusters</a></nav>"
        body += "<section id=\"overview\"><h2>Overview</h2>" + OverviewPage.body(overview) + "</section>"
        body += "<section id=\"genres\"><h2>Genres</h2>" + GenresPage.body(genres, sliders: nil, answer: nil, predictionNote: nil) + "</section>"
        body += "<section id=\"popularity\"><h2>Popularity</h2>" + PopularityPage.body(popularity, links: false) + "</section>"
        body += "<section id=\"clusters\"><h2>Clusters</h2>" + ClustersPage.body(clusters, links: false) + "</section>"
        return PageLayout(title: "Warehouse report", section: nil, standalone: true).render(body)
    }
}
