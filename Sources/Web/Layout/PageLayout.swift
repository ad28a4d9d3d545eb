/// The HTML document around every page: head, inline stylesheet, navigation, footer.
public struct PageLayout: Sendable {
    public enum Section: String, CaseIterable, Sendable {
        case overview, genres, popularity, clusters, trends, listening, recommend, sql

        var path: String { self == .overview ? "/" : "/" + rawValue }
        var label: String {
            switch self {
            case .overview: "Overview"
            case .genres: "Genres"
            case .popularity: "Popularity"
            case .clusters: "Clusters"
            case .trends: "Trends"
            case .listening: "Listening"
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

    /// A small blue disc as an SVG data URL (the CSP allows data: images).
    static let icon = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E"
        + "%3Ccircle cx='8' cy='8' r='7' fill='%234a7fb5'/%3E%3Ccircle cx='8' cy='8' r='2' fill='white'/%3E%3C/svg%3E"

    public func render(_ body: String) -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        html += "<title>" + HTML.escape(title) + " · Jukebox</title>"
        // An inline icon, so the browser does not ask for /favicon.ico (the report stays free of links).
        if !standalone { html += "<link rel=\"icon\" href=\"\(Self.icon)\">" }
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
