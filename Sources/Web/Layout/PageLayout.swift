/// The HTML document around every page: head, inline stylesheet, navigation, footer.
public struct PageLayout: Sendable {
    public enum Section: String, CaseIterable, Sendable {
        case overview, genres, popularity, clusters, trends, recommend, sql

        var path: String { self == .overview ? "/" : "/" + rawValue }
        var label: String {
            switch self {
            case .overview: "Overview"
            case .genres: "Genres"
            case .popularity: "Popularity"
            case .clusters: "Clusters"
            case .trends: "Trends"
            case .recommend: "Recommend"
            case .sql: "SQL"
            }
        }
    }

    public var title: String
    public var section: Section?
    /// A page served by `jukebox serve` links its navigation and script; a report stands alone.
    public var standalone = false

    public init(title: String, section: Section?, standalone: Bool = false) {
        self.title = title
        self.section = section
        self.standalone = standalone
    }

    public func render(_ body: String) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        html += "<title>" + HTML.escape(title) + " · Jukebox</title>"
        html += "<style>" + Stylesheet.css + "</style></head><body>"
        html += "<header><span class=\"brand\">Jukebox</span>"
        if !standalone {
            html += "<nav>"
            for item in Section.allCases {
                let current = item == section ? " aria-current=\"page\"" : ""
                html += "<a href=\"\(item.path)\"\(current)>\(item.label)</a>"
            }
            html += "</nav>"
        }
        html += "</header><main><h1>" + HTML.escape(title) + "</h1>" + body + "</main>"
        html += "<footer>Jukebox · charts drawn by Jukebox from the warehouse; nothing is loaded from the network.</footer>"
        if !standalone { html += "<script src=\"/assets/app.js\" defer></script>" }
        html += "</body></html>\n"
        return html
    }
}
