import Foundation
import Analytics

/// Renders the listener picker and one listener's page.
enum ListeningPage {
    static func form(listeners: [String], chosen: String?) -> String {
        guard !listeners.isEmpty else {
            return "<p class=\"note\" id=\"no-listeners\">No listening history is loaded. Load a Spotify export with "
                + "<code>jukebox ingest --listener NAME FILE</code>.</p>"
        }
        var html = "<form class=\"inline\" method=\"get\" action=\"/listening\"><div><label for=\"listener\">listener</label>"
            + "<select id=\"listener\" name=\"listener\">"
        for name in listeners {
            let selected = name.lowercased() == chosen?.lowercased() ? " selected" : ""
            html += "<option value=\"\(HTML.escape(name))\"\(selected)>\(HTML.escape(name))</option>"
        }
        return html + "</select></div><button type=\"submit\">Show</button></form>"
    }

    /// `links` nil (the report): no downloads, no links into the app.
    static func body(_ data: ListeningData, links: ChartLinks?) -> String {
        let report = data.report
        let tables = Self.tables(report)
        var html = "<h2 id=\"listening-summary\">" + HTML.escape(report.listener) + ": " + HTML.count(report.plays) + " plays, "
            + HTML.count(Int(report.minutes.rounded())) + " minutes</h2>"
        html += "<p class=\"note\">Times are UTC, as the exports give them. Mood is the mean valence and energy of the plays whose "
            + "tracks have audio features.</p><div class=\"grid\">"
        var minutes = BarChart(title: "minutes listened by month",
                               bars: report.periods.map { BarChart.Bar(label: $0.period, value: $0.minutes, title: "\($0.period): \(HTML.number($0.minutes, 1)) minutes, \($0.plays) plays") },
                               valueLabel: "minutes")
        minutes.decimals = 0
        html += ChartLinks.panel(minutes.render(), tables[0], links, id: "minutes-by-month")
        let heat = report.minutesByWeekdayHour
        var heatmap = Heatmap(title: "minutes by weekday and hour (UTC)", rowLabels: weekdays,
                              columnLabels: (0..<24).map { String(format: "%02d", $0) }, values: heat,
                              scale: .sequential(max: heat.flatMap { $0 }.max() ?? 0))
        heatmap.cellSize = 24
        heatmap.showValues = false
        heatmap.rowAxis = "weekday"
        heatmap.columnAxis = "hour"
        html += ChartLinks.panel(heatmap.render(), tables[1], links, id: "weekday-hour")
        let months = report.periods.map(\.period)
        let covered = report.periods.reduce(0) { $0 + $1.playsWithAudio }
        var mood = LineChart(title: "mood by month (mean of \(covered) of \(report.plays) plays with audio)", categories: months,
                             series: [LineChart.Series(name: "valence", values: report.periods.map(\.valence)),
                                      LineChart.Series(name: "energy", values: report.periods.map(\.energy))], yLabel: "mean")
        mood.width = months.count > 30 ? 900 : 620
        html += ChartLinks.panel(mood.render(), tables[2], links, id: "mood") + "</div>"

        html += "<div class=\"grid\"><div class=\"panel\"><h2>Top artists</h2>" + table(report.topArtists, id: "top-artists", what: "artist")
            + "</div><div class=\"panel\"><h2>Top tracks</h2>" + table(report.topTracks, id: "top-tracks", what: "track") + "</div></div>"

        html += "<h2>Months</h2><table id=\"listening-months\"><tr><th>month</th><th>plays</th><th>minutes</th><th>skips</th><th>artists</th>"
            + "<th>new artists</th><th>valence</th><th>energy</th><th>top artists</th><th>top genres</th></tr>"
        for p in report.periods {
            html += "<tr><td>\(HTML.escape(p.period))</td><td class=\"num\">\(p.plays)</td><td class=\"num\">\(HTML.number(p.minutes, 1))</td>"
                + "<td class=\"num\">\(p.skips)</td><td class=\"num\">\(p.artists)</td><td class=\"num\">\(p.newArtists)</td>"
                + "<td class=\"num\">\(HTML.number(p.valence, 3))</td><td class=\"num\">\(HTML.number(p.energy, 3))</td>"
                + "<td>\(HTML.escape(p.topArtists.map(\.name).joined(separator: ", ")))</td><td>\(HTML.escape(p.topGenres.map(\.name).joined(separator: ", ")))</td></tr>"
        }
        html += "</table>"

        let answer = data.recommendations
        html += "<h2>Recommended for \(HTML.escape(report.listener))</h2>"
        if answer.results.isEmpty {
            html += "<p class=\"note\">No recommendations: nothing the warehouse holds is left that " + HTML.escape(report.listener) + " has not played.</p>"
        } else {
            html += "<p class=\"note\">Never a song \(HTML.escape(report.listener)) has played; the same answer as "
                + "<code>jukebox recommend --listener \(HTML.escape(report.listener))</code>.</p>"
            html += RecommendPage.continuationTable(answer.results, id: "listener-recommendations", links: links != nil)
            if links != nil { html += "<p>" + RecommendPage.m3uLink(answer.results.map(\.trackID)) + "</p>" }
        }
        return html
    }

    static func table(_ counts: [PlayCount], id: String, what: String) -> String {
        guard !counts.isEmpty else { return "<p class=\"note\">None.</p>" }
        var html = "<table id=\"\(id)\"><tr><th>\(what)</th><th>plays</th></tr>"
        for c in counts { html += "<tr><td>\(HTML.escape(c.name))</td><td class=\"num\">\(c.plays)</td></tr>" }
        return html + "</table>"
    }

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// Minutes and plays by month, minutes by weekday and hour (UTC), mood by month.
    static func tables(_ report: ListeningReport) -> [ChartTable] {
        [ChartTable(name: "minutes-by-month", columns: ["month", "minutes", "plays"],
                    rows: report.periods.map { [$0.period, ChartTable.number($0.minutes), String($0.plays)] }),
         ChartTable(name: "weekday-hour", columns: ["weekday"] + (0..<24).map { String(format: "%02d", $0) },
                    rows: zip(weekdays, report.minutesByWeekdayHour).map { [$0.0] + $0.1.map(ChartTable.number) }),
         ChartTable(name: "mood", columns: ["month", "valence", "energy", "plays", "plays_with_audio"],
                    rows: report.periods.map { [$0.period, ChartTable.number($0.valence), ChartTable.number($0.energy), String($0.plays), String($0.playsWithAudio)] })]
    }
}
