import Analytics
import Core
/// Renders the search box with the filters, the recommendations with their scores and reasons, and the playlist being
/// built; and the Playlists view: a playlist's continuation.
enum RecommendPage {
    /// The Playlists view: pick (or type) a playlist, get its continuation with reasons and its M3U.
    static func continuation(playlists: [PlaylistSummary], query: String?, answer: RecommendationAnswer?, error: String?,
                             controls: RecommendControls = RecommendControls()) -> String {
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
        html += "</datalist></div>" + controls.fields(prefix: "continue-") + "<button type=\"submit\" id=\"continue-button\">Continue</button></form>"
        if let error { html += error }
        if let answer, let playlist = answer.subject.playlist {
            html += "<p class=\"note\" id=\"continuing\">Continuing ‘\(HTML.escape(playlist.name))’ (id \(playlist.playlistID), "
                + "\(HTML.count(playlist.trackCount)) tracks): \(HTML.count(answer.candidates)) candidates scored; the same answer as "
                + "<code>\(HTML.escape(command("--playlist \(playlist.playlistID)", controls)))</code>.</p>"
            if answer.results.isEmpty {
                html += "<p class=\"note\">No track continues this playlist" + (controls.query.isEmpty ? "" : " within these filters") + ".</p>"
            } else {
                html += continuationTable(answer.results, id: "continuation")
                html += "<p>" + m3uLink(answer.results.map(\.trackID)) + "</p>"
            }
        }
        return html
    }

    /// The command line that asks the same question.
    static func command(_ subject: String, _ controls: RecommendControls) -> String {
        "jukebox recommend \(subject)" + controls.query.map { name, value in
            " --" + (name == "count" ? "count" : name.replacingOccurrences(of: "_", with: "-")) + " " + (value.contains(" ") ? "'\(value)'" : value)
        }.joined()
    }

    /// The engine's results for a playlist or a listener: rank, track, score, reasons.
    static func continuationTable(_ results: [Recommendation], id: String, links: Bool = true) -> String {
        var html = "<table id=\"\(id)\"><tr><th>#</th><th>track</th><th>score</th><th>why</th></tr>"
        for (i, r) in results.enumerated() {
            let label = HTML.escape(TrackName.label(name: r.trackName, artists: r.artists.joined(separator: ";")))
            html += "<tr data-track=\"\(HTML.escape(r.trackID))\"><td class=\"num\">\(i + 1)</td>"
                + "<td>" + (links ? "<a href=\"\(link(track: r.trackID, playlist: []))\">\(label)</a>" : label) + "</td>"
                + "<td class=\"num\">\(HTML.number(r.score, 3))</td><td class=\"reasons\">\(r.reasons.map(HTML.escape).joined(separator: " · "))</td></tr>"
        }
        return html + "</table>"
    }

    static func m3uLink(_ ids: [String]) -> String {
        "<a class=\"button\" href=\"/recommend/playlist.m3u?ids=\(ids.map(HTML.query).joined(separator: ","))\">Download M3U</a>"
    }

    /// A Recommend address (escaped for an attribute): a seed, the playlist being built, the filters.
    static func link(track: String?, playlist: [String], controls: RecommendControls = RecommendControls()) -> String {
        HTML.escape(address(track: track, query: nil, playlist: playlist, controls: controls))
    }

    /// The same address, unescaped.
    static func address(track: String?, query: String?, playlist: [String], controls: RecommendControls) -> String {
        var parts: [String] = []
        if let track { parts.append("track=" + HTML.query(track)) } else if let query { parts.append("q=" + HTML.query(query)) }
        if !playlist.isEmpty { parts.append("playlist=" + playlist.map(HTML.query).joined(separator: ",")) }
        parts += controls.query.map { "\($0.name)=" + HTML.query($0.value) }
        return "/recommend" + (parts.isEmpty ? "" : "?" + parts.joined(separator: "&"))
    }

    /// The Playlists view's address for a playlist, with the filters.
    static func continueAddress(_ playlist: String, controls: RecommendControls) -> String {
        "/recommend?" + ([("continue", playlist)] + controls.query).map { "\($0.0)=" + HTML.query($0.1) }.joined(separator: "&") + "#playlists"
    }

    /// The genres the filters offer as you type.
    static func genreNames(_ genres: [String]) -> String {
        "<datalist id=\"genre-names\">" + genres.prefix(2000).map { "<option value=\"\(HTML.escape($0))\">" }.joined() + "</datalist>"
    }

    static func body(query: String?, recommendations: Recommendations?, error: String?, playlist: [M3UWriter.Entry],
                     controls: RecommendControls = RecommendControls()) -> String {
        let ids = playlist.map(\.trackID)
        var html = "<form class=\"inline\" method=\"get\" action=\"/recommend\"><div class=\"suggest\"><label for=\"q\">track (title, “artist - title” or Spotify id)</label>"
        // app.js links each suggestion to this prefix + the track's id, so a suggestion keeps the playlist and the filters.
        let kept = (ids.isEmpty ? [] : ["playlist=" + ids.map(HTML.query).joined(separator: ",")]) + controls.query.map { "\($0.name)=" + HTML.query($0.value) }
        let suggestLink = "/recommend?" + kept.map { $0 + "&" }.joined() + "track="
        html += "<input type=\"search\" id=\"q\" name=\"q\" size=\"48\" data-suggest=\"\(HTML.escape(suggestLink))\" "
            + "value=\"\(HTML.escape(query ?? ""))\"></div>"
        if !ids.isEmpty { html += "<input type=\"hidden\" name=\"playlist\" value=\"\(HTML.escape(ids.joined(separator: ",")))\">" }
        html += controls.fields(prefix: "") + "<button type=\"submit\" id=\"recommend-button\">Recommend</button></form>"
        if let error { html += error }
        if let r = recommendations, let seed = r.seed {
            let seedID = seed.trackID
            html += "<h2>Because you like " + HTML.escape(seed.label) + "</h2>"
            html += "<p class=\"note\" id=\"recommend-source\">The seed as a one-track taste profile (\(HTML.count(r.candidates)) candidates scored), "
                + "ranked by score, highest first: a blend of the evidence the reasons name (the seed's artists and album, other playlists, "
                + "closeness in the nine standardized audio features, genre, popularity); distance is the audio distance to the seed. "
                + "The same answer as <code>\(HTML.escape(command(seedID, controls)))</code>. "
            if !ids.contains(seedID) { html += "<a href=\"\(link(track: seedID, playlist: ids + [seedID], controls: controls))\">Add the seed to the playlist</a>" }
            html += "</p>"
            if r.items.isEmpty {
                html += "<p class=\"note\">No recommendations for this track" + (controls.query.isEmpty ? "" : " within these filters") + ".</p>"
            } else {
                html += "<table id=\"recommendations\"><tr><th>#</th><th>track</th><th>distance</th><th>score</th><th>why</th><th></th></tr>"
                for (i, item) in r.items.enumerated() {
                    let id = item.track.trackID
                    let add = ids.contains(id) ? "<span class=\"muted\">in playlist</span>"
                        : "<a href=\"\(link(track: seedID, playlist: ids + [id], controls: controls))\">add</a>"
                    html += "<tr data-track=\"\(HTML.escape(id))\"><td class=\"num\">\(i + 1)</td>"
                        + "<td><a href=\"\(link(track: id, playlist: ids, controls: controls))\">\(HTML.escape(item.track.label))</a></td>"
                        + "<td class=\"num\">\(item.distance.map { HTML.number($0, 3) } ?? "")</td><td class=\"num score\">\(HTML.number(item.score, 3))</td>"
                        + "<td class=\"reasons\">\(item.reasons.map(HTML.escape).joined(separator: " · "))</td><td>\(add)</td></tr>"
                }
                html += "</table>"
            }
        }
        html += "<h2>Playlist</h2>"
        if playlist.isEmpty {
            html += "<p class=\"note\">Empty: add recommendations with their “add” links.</p>"
        } else {
            let seed = recommendations?.seed?.trackID
            html += "<ol>"
            for facts in playlist {
                let rest = ids.filter { $0 != facts.trackID }
                html += "<li>\(HTML.escape(facts.label)) <a class=\"muted\" href=\"\(link(track: seed, playlist: rest, controls: controls))\">remove</a></li>"
            }
            html += "</ol><p><a class=\"button\" href=\"/recommend/playlist.m3u?ids=\(ids.map(HTML.query).joined(separator: ","))\">Download M3U</a> "
                + "<a href=\"\(link(track: seed, playlist: [], controls: controls))\">clear</a></p>"
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
