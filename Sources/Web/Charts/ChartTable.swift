import Core
import Hummingbird

/// The numbers behind one chart, as a table: what the "Download CSV" link under the chart serves (Streamlit's
/// download button, Datasette's `.csv`), written by Core's one CSV writer with the web downloads' formula guard.
struct ChartTable: Sendable {
    /// Names the chart in `?chart=` and in the downloaded file's name.
    var name: String
    var columns: [String]
    var rows: [[String]]

    var csv: String { CSVWriter(guardsFormulas: true, lineEnd: "\r\n").table(columns: columns, rows: rows) }

    /// A number at full precision (the chart rounds for reading; the download does not); empty for none.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `?chart=NAME` among a page's tables as a download named `jukebox-PAGE-NAME.csv`; an unknown or missing name
    /// is a 404 that lists the page's charts.
    static func download(_ tables: [ChartTable], chart: String?, page: String) throws -> Response {
        guard let chart, let table = tables.first(where: { $0.name == chart }) else {
            let names = tables.map(\.name).joined(separator: ", ")
            throw WebError.notFound("The \(page) page has no chart '\(chart ?? "")' to download; its charts: "
                + (names.isEmpty ? "none (no data yet)" : names) + ".")
        }
        return Reply.download(table.csv, contentType: "text/csv; charset=utf-8", fileName: "jukebox-\(page)-\(table.name).csv")
    }
}

/// Where a page's charts link their data: `PATH?chart=NAME` plus the page's own parameters (filters). The report
/// has no server behind it and passes none.
struct ChartLinks: Sendable {
    var path: String
    var query: [(name: String, value: String)] = []

    func href(_ chart: String) -> String {
        path + "?" + ([("chart", chart)] + query).map { "\($0.0)=\(HTML.query($0.1))" }.joined(separator: "&")
    }

    /// A chart in its panel, with the link to its data under it when there is a server to serve it.
    static func panel(_ svg: String, _ table: ChartTable, _ links: ChartLinks?, id: String? = nil) -> String {
        var html = "<div class=\"panel\"" + (id.map { " id=\"\($0)\"" } ?? "") + ">" + svg
        if let links {
            html += "<p class=\"download\"><a class=\"csv\" href=\"\(HTML.escape(links.href(table.name)))\" download>Download CSV</a></p>"
        }
        return html + "</div>"
    }
}
