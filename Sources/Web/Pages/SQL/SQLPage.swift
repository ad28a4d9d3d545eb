/// Renders the SQL console: the form, then each statement's rows as a table.
enum SQLPage {
    static let example = "SELECT genres, count(*) AS tracks, round(avg(energy), 3) AS energy FROM v_tracks GROUP BY genres ORDER BY tracks DESC LIMIT 20"

    static func body(sql: String?, result: SQLConsoleResult?, error: String?, timeout: Double, maxRows: Int) -> String {
        var html = "<p class=\"note\">Read-only: only SELECT, WITH … SELECT, VALUES, EXPLAIN and reporting PRAGMAs run, on a read-only "
            + "connection, with the same guard as <code>jukebox sql</code>: a time limit of \(Ticks.label(timeout)) s and at most "
            + "\(HTML.count(maxRows)) rows per statement. The stable view is <code>v_tracks</code>.</p>"
        html += "<form method=\"get\" action=\"/sql\"><textarea name=\"q\" rows=\"6\" spellcheck=\"false\">"
            + HTML.escape(sql ?? example) + "</textarea><p><button type=\"submit\">Run</button>"
        if let sql, error == nil, result != nil {
            html += " <a class=\"button\" href=\"/sql.csv?q=\(HTML.query(sql))\">Download CSV</a>"
        }
        html += "</p></form>"
        if let error { html += "<p class=\"error\">" + HTML.escape(error) + "</p>" }
        for statement in result?.statements ?? [] where !statement.columns.isEmpty {
            html += "<h3>Statement \(statement.index): \(HTML.count(statement.rows.count)) row\(statement.rows.count == 1 ? "" : "s")"
                + (statement.cutAtByteCap ? " (stopped at the size cap)" : statement.truncated ? " (stopped at the row cap)" : "") + "</h3>"
            html += "<div class=\"panel\"><table><tr>" + statement.columns.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr>"
            for row in statement.rows {
                html += "<tr>"
                for cell in row {
                    switch cell {
                    case .null: html += "<td class=\"muted\">NULL</td>"
                    case .int, .double: html += "<td class=\"num\">\(HTML.escape(cell.text))</td>"
                    case .text: html += "<td>\(HTML.escape(cell.text))</td>"
                    }
                }
                html += "</tr>"
            }
            html += "</table></div>"
        }
        return html
    }
}
