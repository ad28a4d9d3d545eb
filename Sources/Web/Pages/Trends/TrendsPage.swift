import Analytics

/// Renders the trends form and one line chart per feature.
enum TrendsPage {
    static func form(features: [TrackFeature], grouping: TrendGrouping, genre: String?, artist: String?) -> String {
        var html = "<form class=\"inline\" method=\"get\" action=\"/trends\"><div><label for=\"by\">group by</label><select id=\"by\" name=\"by\">"
        for option in TrendGrouping.allCases {
            html += "<option value=\"\(option.rawValue)\"\(option == grouping ? " selected" : "")>\(option.rawValue)</option>"
        }
        html += "</select></div><div><label for=\"genre\">only genre</label><input type=\"text\" id=\"genre\" name=\"genre\" value=\"\(HTML.escape(genre ?? ""))\"></div>"
        html += "<div><label for=\"artist\">only artist</label><input type=\"text\" id=\"artist\" name=\"artist\" value=\"\(HTML.escape(artist ?? ""))\"></div>"
        html += "<fieldset><legend>features</legend>"
        for feature in TrackFeature.allCases {
            let checked = features.contains(feature) ? " checked" : ""
            html += "<label style=\"display:inline-block;margin-right:8px\"><input type=\"checkbox\" name=\"feature\" value=\"\(feature.rawValue)\"\(checked)> \(feature.rawValue)</label>"
        }
        html += "</fieldset><button type=\"submit\">Show</button></form>"
        return html
    }

    /// What the charts stand on: how many tracks have a release year, and which groups are too small to draw.
    static func coverage(_ data: TrendsData) -> String {
        var html = ""
        if let used = data.tracksWithYear, let total = data.tracksInScope, used < total {
            html += "<p class=\"note\" id=\"trends-coverage\">Based on \(HTML.count(used)) of \(HTML.count(total)) tracks"
                + "\(HTML.escape(scope(data))): only these have a release year.</p>"
        }
        if !data.smallGroups.isEmpty {
            let tracks = Dictionary(zip(data.groups, data.groupTracks), uniquingKeysWith: { a, _ in a })
            let list = data.smallGroups.map { "\($0) (\(HTML.count(tracks[$0] ?? 0)) track\(tracks[$0] == 1 ? "" : "s"))" }.joined(separator: ", ")
            let rule = "fewer than \(TrendsData.minimumGroupTracks) tracks"
            html += "<p class=\"note\" id=\"trends-small-groups\">" + (data.omitsSmallGroups
                ? "Not drawn, with \(rule) each: " + HTML.escape(list) + "."
                : "Every \(HTML.escape(data.grouping)) has \(rule) (" + HTML.escape(list) + "): read the lines with care.") + "</p>"
        }
        return html
    }

    private static func scope(_ data: TrendsData) -> String {
        var parts: [String] = []
        if let genre = data.genre { parts.append("in genre '\(genre)'") }
        if let artist = data.artist { parts.append("by '\(artist)'") }
        return parts.isEmpty ? "" : " " + parts.joined(separator: " ")
    }

    /// Where the charts' data downloads from: the same question, with the grouping shown.
    static func links(_ data: TrendsData) -> ChartLinks {
        var query: [(name: String, value: String)] = [("by", data.grouping)]
        if let genre = data.genre { query.append(("genre", genre)) }
        if let artist = data.artist { query.append(("artist", artist)) }
        query += data.features.map { ("feature", $0.feature) }
        return ChartLinks(path: "/trends.csv", query: query)
    }

    /// One table per feature: every group (drawn or too small to draw), as `jukebox trends` lists them.
    static func tables(_ data: TrendsData) -> [ChartTable] {
        let hidden = data.omitsSmallGroups ? Set(data.smallGroups) : []
        return data.features.map { trend in
            ChartTable(name: trend.feature, columns: [data.grouping, "count", "mean", "median", "q1", "q3", "drawn"],
                       rows: trend.points.map { p in
                           [p.group, String(p.count), ChartTable.number(p.mean), ChartTable.number(p.median), ChartTable.number(p.q1),
                            ChartTable.number(p.q3), hidden.contains(p.group) ? "no" : "yes"]
                       })
        }
    }

    static func charts(_ data: TrendsData, links: ChartLinks?) -> String {
        var html = coverage(data) + "<div class=\"grid\">"
        let tables = Self.tables(data)
        let hidden = data.omitsSmallGroups ? Set(data.smallGroups) : []
        for trend in data.features {
            let byGroup = Dictionary(trend.points.filter { !hidden.contains($0.group) }.map { ($0.group, $0) }, uniquingKeysWith: { a, _ in a })
            let series = LineChart.Series(name: "mean " + trend.feature, values: data.groups.map { byGroup[$0]?.mean },
                                          band: data.groups.map { g in byGroup[g].map { ($0.q1, $0.q3) } })
            var chart = LineChart(title: "\(trend.feature) by \(data.grouping) (mean, band = quartiles)", categories: data.groups,
                                  series: [series], yLabel: trend.feature)
            chart.width = data.groups.count > 30 ? 900 : 620
            html += ChartLinks.panel(chart.render(), tables.first { $0.name == trend.feature }!, links)
        }
        return html + "</div>"
    }
}
