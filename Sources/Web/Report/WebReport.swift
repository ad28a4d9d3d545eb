import Analytics
import Foundation
import Store

/// `jukebox report`: one self-contained HTML file (inline CSS and SVG, no script, no links into the app) with a section
/// for every page of the app that has data: Overview, Genres, Popularity, Clusters, Trends, Listening (each listener)
/// and Recommend's playlists (their continuations), drawn by the same renderers and from the same Analytics calls.
public enum WebReport {
    /// Bounds for a warehouse with many listeners or playlists: the report names how many it leaves out.
    static let listenerLimit = 5
    static let playlistLimit = 10

    public static func render(warehouse: Warehouse) throws -> String {
        let services = WebServices(warehouse: warehouse)
        var sections: [(id: String, title: String, body: String)] = [
            ("overview", "Overview", OverviewPage.body(try services.cachedNow("overview", OverviewData.load), links: nil)),
            ("genres", "Genres", GenresPage.body(try services.cachedNow("genres", GenreData.load), sliders: nil, answer: nil,
                                                 predictionNote: nil, links: nil)),
            ("popularity", "Popularity", PopularityPage.body(try services.cachedNow("popularity", PopularityData.load), links: nil)),
            ("clusters", "Clusters", ClustersPage.body(try services.cachedNow("clusters", ClusterData.load), links: nil)),
            ("trends", "Trends", try trends(warehouse)),
        ]
        let (listening, playlists) = try warehouse.read { reader -> (String?, String?) in
            let space = AudioSpace.once(reader)
            let shared = { (request: RecommendationRequest) in try RecommendationEngine().recommend(request, in: reader, space: space) }
            return (try listeningSection(reader, recommend: shared), try playlistSection(reader, recommend: shared))
        }
        if let listening { sections.append(("listening", "Listening", listening)) }
        if let playlists { sections.append(("playlists", "Recommend: playlists", playlists)) }

        let generated = ISO8601DateFormatter().string(from: Date())
        var body = "<p class=\"note\">Generated \(HTML.escape(generated)) from <code>\(HTML.escape(warehouse.path))</code>.</p>"
        body += "<nav class=\"toc\">" + sections.map { "<a href=\"#\($0.id)\">\(HTML.escape($0.title))</a>" }.joined(separator: " · ") + "</nav>"
        for section in sections {
            body += "<section id=\"\(section.id)\"><h2>\(HTML.escape(section.title))</h2>" + section.body + "</section>"
        }
        return PageLayout(title: "Warehouse report", section: nil, standalone: true).render(body)
    }

    /// The Trends page's default view: the shared default grouping and features.
    static func trends(_ warehouse: Warehouse) throws -> String {
        try warehouse.read { reader in
            let (data, note) = try TrendsController.load(reader, TrendsController.defaultRequest)
            return (note.map { "<p class=\"note\">" + HTML.escape($0) + "</p>" } ?? "") + TrendsPage.charts(data, links: nil)
        }
    }

    /// Each listener's page (the first few alphabetically), or nil when no history is loaded.
    static func listeningSection(_ reader: WarehouseReader, recommend: (RecommendationRequest) throws -> RecommendationAnswer) throws -> String? {
        let listeners = try Listening.listeners(in: reader)
        guard !listeners.isEmpty else { return nil }
        var html = listeners.count > listenerLimit
            ? "<p class=\"note\">The first \(listenerLimit) of \(listeners.count) listeners; <code>jukebox serve</code> shows every one.</p>" : ""
        for listener in listeners.prefix(listenerLimit) {
            html += "<div class=\"listener\">" + ListeningPage.body(try ListeningData.load(reader, listener: listener, recommend: recommend), links: nil) + "</div>"
        }
        return html
    }

    /// The continuations of the longest playlists, as the Playlists view of Recommend gives them; nil without playlists.
    static func playlistSection(_ reader: WarehouseReader, recommend: (RecommendationRequest) throws -> RecommendationAnswer) throws -> String? {
        let playlists = try NameLookup.playlists(in: reader)
        guard !playlists.isEmpty else { return nil }
        var html = "<p class=\"note\">" + (playlists.count > playlistLimit ? "The \(playlistLimit) longest of \(HTML.count(playlists.count)) playlists" : "Every playlist")
            + ", continued as <code>jukebox recommend --playlist ID</code> continues it: tracks not in it, with the evidence for each.</p>"
        for playlist in playlists.prefix(playlistLimit) {
            let answer = try recommend(RecommendationRequest(seed: .playlist(String(playlist.playlistID))))
            html += "<h3 id=\"playlist-\(playlist.playlistID)\">\(HTML.escape(playlist.name)) <span class=\"muted\">(id \(playlist.playlistID), "
                + "\(HTML.count(playlist.trackCount)) tracks)</span></h3>"
            html += answer.results.isEmpty ? "<p class=\"note\">No track continues this playlist.</p>"
                : RecommendPage.continuationTable(answer.results, id: "continuation-\(playlist.playlistID)", links: false)
        }
        return html
    }
}
