import Analytics
import Foundation

/// Renders the written-back answers on the Genres page: a genre picker, the chosen genre's most confident tracks and
/// the likely mislabels, each with its CSV download.
enum GenreListsPage {
    /// `problem`: an unknown genre's message (with its near misses as links), shown in place of the chosen list.
    static func body(_ lists: GenreLists, problem: String? = nil) -> String {
        var html = "<h2 id=\"predicted-genres\">Tracks by predicted genre</h2>"
        html += "<p class=\"note\">What the genre champion wrote back for every track (<code>v_genre_predictions</code>): "
            + "the served model's answer, or on a held-out track the evaluated model's (marked holdout).</p>"
        guard !lists.genres.isEmpty else {
            return html + "<p class=\"note\">The genre champion has written back no answers: run <code>jukebox train genre</code>.</p>"
        }
        html += "<form id=\"genre-list-form\" class=\"inline\" method=\"get\" action=\"/genres\"><div><label for=\"genre-pick\">"
            + "predicted genre</label><select id=\"genre-pick\" name=\"genre\"><option value=\"\">choose a genre</option>"
        for genre in lists.genres {
            let selected = genre.genre == lists.chosen?.genre ? " selected" : ""
            html += "<option value=\"\(HTML.escape(genre.genre))\"\(selected)>\(HTML.escape(genre.genre)) (\(HTML.count(genre.tracks)))</option>"
        }
        html += "</select></div><button type=\"submit\">Show</button></form>"
        if let problem { html += problem }
        if let chosen = lists.chosen, let genre = chosen.genre {
            let links = ChartLinks(path: "/genres.csv", query: [("genre", genre)])
            html += "<p class=\"note\" id=\"predicted-summary\">\(HTML.count(chosen.total)) tracks predicted as <b>\(HTML.escape(genre))</b>"
                + shownNote(chosen) + ", most confident first.</p>"
            html += table(chosen, id: "predicted-tracks", disagreement: false)
                + download(links.href("predicted-tracks"), id: "predicted-tracks-csv")
        }
        let mislabels = lists.mislabels
        html += "<h2 id=\"mislabels\">Likely mislabels</h2><p class=\"note\" id=\"mislabels-summary\">\(HTML.count(mislabels.total)) tracks "
            + "tagged in the genres the champion learned carry no tag named as its answer" + shownNote(mislabels) + ". Disagreement is the "
            + "answer's probability less the highest its top 3 give a genre the track is tagged with (0 when none): the largest first.</p>"
        html += table(mislabels, id: "likely-mislabels", disagreement: true)
            + download(ChartLinks(path: "/genres.csv").href("likely-mislabels"), id: "likely-mislabels-csv")
        return html
    }

    private static func shownNote(_ listing: GenreLists.Listing) -> String {
        let cut = listing.total > listing.tracks.count ? " (the download holds the first \(HTML.count(listing.tracks.count)))" : ""
        return listing.tracks.count > GenreLists.shown ? "; the first \(GenreLists.shown) shown" + cut : cut
    }

    private static func download(_ href: String, id: String) -> String {
        "<p class=\"download\"><a class=\"list-csv\" id=\"\(id)\" href=\"\(HTML.escape(href))\" download>Download CSV</a></p>"
    }

    private static func table(_ listing: GenreLists.Listing, id: String, disagreement: Bool) -> String {
        var html = "<table id=\"\(id)\"><tr><th>track</th><th>tags</th><th>predicted</th><th>second</th><th>third</th>"
            + (disagreement ? "<th>disagreement</th>" : "") + "<th>holdout</th></tr>"
        func answer(_ genre: String?, _ probability: Double?) -> String {
            guard let genre, let probability else { return "<td></td>" }
            return "<td>\(HTML.escape(genre)) \(HTML.percent(probability))</td>"
        }
        for t in listing.tracks.prefix(GenreLists.shown) {
            html += "<tr data-track-id=\"\(HTML.escape(t.trackID))\"><td>\(HTML.escape(TrackName.label(name: t.name, artists: t.artists)))</td>"
                + "<td>\(HTML.escape(t.tags.replacingOccurrences(of: ";", with: ", ")))</td>"
                + answer(t.predictedGenre, t.probability) + answer(t.secondGenre, t.secondProbability) + answer(t.thirdGenre, t.thirdProbability)
                + (disagreement ? "<td class=\"num\">\(HTML.number(t.disagreement, 3))</td>" : "")
                + "<td>\(t.inHoldout ? "yes" : "")</td></tr>"
        }
        return html + "</table>"
    }
}
