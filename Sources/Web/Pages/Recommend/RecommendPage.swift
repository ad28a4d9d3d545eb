import Analytics
import Core
/// Renders the search box, the recommendations with reasons and the playlist being built; and the Playlists view:
/// a playlist's continuation.
enum RecommendPage {
    /// The Playlists view: pick (or type) a playlist, get its continuation with reasons and its M3U.
    static func continuation(playlists: [PlaylistSummary], query: String?, answer: PlaylistContinuationAnswer?, error: String?) -> String {
        var html = "<h2 id=\"playlists\">Continue a playlist</h2>"
        guard !playlists.isEmpty else {
            return html + "<p class=\"note\" id=\"no-playlists\">No playlists are loaded. Load a playlist export with <code>jukebox ingest FILE</code>.</p>"
        }
        html += "<form class=\"inline\" method=\"get\" action=\"/recommend\"><div><label for=\"continue\">playlist (name or id)</label>"
            + "<input type=\"text\" id=\"continue\" name=\"continue\" size=\"40\" list=\"playlist-names\" value=\"\(HTML.escape(query ?? ""))\">"
            + "<datalist id=\"playlist-names\">"
        for playlist in playlists.prefix(1000) {
            html += "<option value=\"\(HTML.escape(playlist.name))\">\(HTML.escape("\(playlist.playlistID) · \(playlist.trackCount) tracks"))</option>"
        }
        html += "</datalist></div><button type=\"submit\" id=\"continue-button\">Continue</button></form>"
        if let error { html += "<p class=\"error\">" + HTML.escape(error) + "</p>" }
        if let answer {
            html += "<p class=\"note\" id=\"continuing\">Continuing ‘\(HTML.escape(answer.playlist.name))’ (id \(answer.playlist.playlistID), "
                + "\(HTML.count(answer.playlist.trackCount)) tracks): \(HTML.count(answer.candidates)) candidates scored; the same answer as "
                + "<code>jukebox recommend --playlist \(answer.playlist.playlistID)</code>.</p>"
            if answer.results.isEmpty {
                html += "<p class=\"note\">No track continues this playlist.</p>"
            } else {
                html += continuationTable(answer.results, id: "continuation")
                html += "<p>" + m3uLink(answer.results.map(\.trackID)) + "</p>"
            }
        }
        return html
    }

    /// Blend results (a playlist's continuation, a listener's recommendations): rank, track, score, reasons.
    static func continuationTable(_ results: [PlaylistRecommendation], id: String) -> String {
        var html = "<table id=\"\(id)\"><tr><th>#</th><th>track</th><th>score</th><th>why</th></tr>"
        for (i, r) in results.enumerated() {
            let label = TrackName.label(name: r.trackName, artists: r.artists.joined(separator: ";"))
            html += "<tr data-track=\"\(HTML.escape(r.trackID))\"><td class=\"num\">\(i + 1)</td>"
                + "<td><a href=\"\(link(track: r.trackID, playlist: []))\">\(HTML.escape(label))</a></td>"
                + "<td class=\"num\">\(HTML.number(r.score, 3))</td><td class=\"reasons\">\(r.reasons.map(HTML.escape).joined(separator: " · "))</td></tr>"
        }
        return html + "</table>"
    }

    static func m3uLink(_ ids: [String]) -> String {
        "<a class=\"button\" href=\"/recommend/playlist.m3u?ids=\(ids.map(HTML.query).joined(separator: ","))\">Download M3U</a>"
    }

    static func link(track: String?, playlist: [String]) -> String {
        var parts: [String] = []
        if let track { parts.append("track=" + HTML.query(track)) }
        if !playlist.isEmpty { parts.append("playlist=" + playlist.map(HTML.query).joined(separator: ",")) }
        return "/recommend" + (parts.isEmpty ? "" : "?" + parts.joined(separator: "&amp;"))
    }

    static func body(query: String?, recommendations: Recommendations?, error: String?, playlist: [M3UWriter.Entry]) -> String {
        let ids = playlist.map(\.trackID)
        var html = "<form class=\"inline\" method=\"get\" action=\"/recommend\"><div class=\"suggest\"><label for=\"q\">track (title, “artist - title” or Spotify id)</label>"
        // app.js links each suggestion to this prefix + the track's id, so a suggestion keeps the playlist.
        let suggestLink = "/recommend?" + (ids.isEmpty ? "" : "playlist=" + ids.map(HTML.query).joined(separator: ",") + "&") + "track="
        html += "<input type=\"search\" id=\"q\" name=\"q\" size=\"48\" data-suggest=\"\(HTML.escape(suggestLink))\" "
            + "value=\"\(HTML.escape(query ?? ""))\"></div>"
        if !ids.isEmpty { html += "<input type=\"hidden\" name=\"playlist\" value=\"\(HTML.escape(ids.joined(separator: ",")))\">" }
        html += "<button type=\"submit\">Recommend</button></form>"
        if let error { html += "<p class=\"error\">" + HTML.escape(error) + "</p>" }
        if let r = recommendations {
            let seedID = r.seed.trackID
            html += "<h2>Because you like " + HTML.escape(r.seed.label) + "</h2>"
            html += "<p class=\"note\">Nearest tracks in the nine standardized audio features, ranked by score: the distance less "
                + "the bonus for shared genres and the same cluster, lowest first (\(HTML.escape(r.source))). "
            if !ids.contains(seedID) { html += "<a href=\"\(link(track: seedID, playlist: ids + [seedID]))\">Add the seed to the playlist</a>" }
            html += "</p>"
            if r.items.isEmpty {
                html += "<p class=\"note\">No recommendations for this track.</p>"
            } else {
                html += "<table><tr><th>#</th><th>track</th><th>score</th><th>distance</th><th>why</th><th></th></tr>"
                for (i, item) in r.items.enumerated() {
                    let id = item.track.trackID
                    let add = ids.contains(id) ? "<span class=\"muted\">in playlist</span>"
                        : "<a href=\"\(link(track: seedID, playlist: ids + [id]))\">add</a>"
                    html += "<tr><td class=\"num\">\(i + 1)</td><td><a href=\"\(link(track: id, playlist: ids))\">\(HTML.escape(item.track.label))</a></td>"
                        + "<td class=\"num\">\(HTML.number(item.score, 3))</td><td class=\"num\">\(HTML.number(item.distance, 3))</td>"
                        + "<td class=\"reasons\">\(item.reasons.map(HTML.escape).joined(separator: " · "))</td><td>\(add)</td></tr>"
                }
                html += "</table>"
            }
        }
        html += "<h2>Playlist</h2>"
        if playlist.isEmpty {
            html += "<p class=\"note\">Empty: add recommendations with their “add” links.</p>"
        } else {
            let seed = recommendations?.seed.trackID
            html += "<ol>"
            for facts in playlist {
                let rest = ids.filter { $0 != facts.trackID }
                html += "<li>\(HTML.escape(facts.label)) <a class=\"muted\" href=\"\(link(track: seed, playlist: rest))\">remove</a></li>"
            }
            html += "</ol><p><a class=\"button\" href=\"/recommend/playlist.m3u?ids=\(ids.map(HTML.query).joined(separator: ","))\">Download M3U</a> "
                + "<a href=\"\(link(track: seed, playlist: []))\">clear</a></p>"
            // The M3U holds Spotify URIs; a track whose id Jukebox derived has none (as `playlist --format m3u` says too).
            let unplayable = playlist.filter { SpotifyID.track($0.trackID) == nil }.count
            if unplayable > 0 {
                html += "<p class=\"note\" id=\"m3u-left-out\">\(unplayable) of these \(playlist.count) tracks "
                    + "have no Spotify id (their ids were derived by Jukebox) and are left out of the M3U.</p>"
            }
        }
        return html
    }
}
