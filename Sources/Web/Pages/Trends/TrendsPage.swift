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

    static func charts(_ data: TrendsData) -> String {
        var html = "<div class=\"grid\">"
        for trend in data.features {
            let byGroup = Dictionary(trend.points.map { ($0.group, $0) }, uniquingKeysWith: { a, _ in a })
            let series = LineChart.Series(name: "mean " + trend.feature, values: data.groups.map { byGroup[$0]?.mean },
                                          band: data.groups.map { g in byGroup[g].map { ($0.q1, $0.q3) } })
            var chart = LineChart(title: "\(trend.feature) by \(data.grouping) (mean, band = quartiles)", categories: data.groups,
                                  series: [series], yLabel: trend.feature)
            chart.width = data.groups.count > 30 ? 900 : 620
            html += "<div class=\"panel\">" + chart.render() + "</div>"
        }
        return html + "</div>"
    }
}
