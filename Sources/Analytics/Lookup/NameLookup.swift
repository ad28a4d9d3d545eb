import Core
import Foundation
import GRDB

/// Turns what a user typed into the warehouse's own names: exact matches ignoring case, else an
/// `AnalyticsError.unknown*` carrying near-miss suggestions. SQLite's NOCASE folds ASCII only, so before
/// giving up, names are compared again with Unicode case folding ("BJÖRK" finds "Björk").
public enum NameLookup {
    static func genre(_ name: String, in db: Database) throws -> String {
        if let exact = try String.fetchOne(db, sql: "SELECT name FROM genres WHERE name = ? COLLATE NOCASE", arguments: [name]) {
            return exact
        }
        let all = try String.fetchAll(db, sql: "SELECT DISTINCT name FROM genres")
        if let folded = sameIgnoringCase(name, among: all) { return folded }
        throw AnalyticsError.unknownGenre(name, suggestions: NearMiss.suggestions(for: name, among: all))
    }

    static func artist(_ name: String, in db: Database) throws -> String {
        if let exact = try String.fetchOne(db, sql: "SELECT name FROM artists WHERE name = ? COLLATE NOCASE ORDER BY name = ? DESC",
                                           arguments: [name, name]) {
            return exact
        }
        let all = try String.fetchAll(db, sql: "SELECT name FROM artists")
        if let folded = sameIgnoringCase(name, among: all) { return folded }
        throw AnalyticsError.unknownArtist(name, suggestions: NearMiss.suggestions(for: name, among: all))
    }

    public static func feature(_ name: String, among features: [TrackFeature] = TrackFeature.allCases) throws -> TrackFeature {
        if let feature = features.first(where: { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }) { return feature }
        throw AnalyticsError.unknownFeature(name, suggestions: NearMiss.suggestions(for: name, among: features.map(\.rawValue)))
    }

    /// A Spotify id (bare, `spotify:track:ID` or an open.spotify.com link), a jb- id, "artist - title"
    /// or a bare title. Several matches: the most popular one wins.
    static func track(_ query: String, in db: Database) throws -> TrackMatch {
        let text = query.trimmingCharacters(in: .whitespaces)
        if let match = try fetch(db, where: "t.track_id = ?", [SpotifyID.track(text) ?? text]) { return match }
        var separator = text.startIndex
        while let range = text.range(of: " - ", range: separator..<text.endIndex) {
            let artist = text[..<range.lowerBound], title = text[range.upperBound...]
            let credited = "EXISTS (SELECT 1 FROM track_artists ta JOIN artists a USING (artist_id) "
                + "WHERE ta.track_id = t.track_id AND a.name = ? COLLATE NOCASE)"
            if let match = try fetch(db, where: "t.track_name = ? COLLATE NOCASE AND " + credited, [String(title), String(artist)]) {
                return match
            }
            separator = range.upperBound
        }
        if let match = try fetch(db, where: "t.track_name = ? COLLATE NOCASE", [text]) { return match }
        let named = try Row.fetchAll(db, sql: """
            SELECT t.track_id, a.name, t.name FROM tracks t
            JOIN track_artists ta ON ta.track_id = t.track_id AND ta.position = 1 JOIN artists a USING (artist_id)
            """)
        let labels = named.map { ($0[1] as String) + " - " + ($0[2] as String) }
        let wanted = text.lowercased()
        let folded = named.indices.filter { labels[$0].lowercased() == wanted || (named[$0][2] as String).lowercased() == wanted }
        if !folded.isEmpty {
            let ids = folded.map { named[$0][0] as String }
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            if let match = try fetch(db, where: "t.track_id IN (\(marks))", StatementArguments(ids)) { return match }
        }
        throw AnalyticsError.unknownTrack(query, suggestions: NearMiss.suggestions(for: text, among: labels))
    }

    /// A playlist by its integer id, its Spotify id (bare, `spotify:playlist:ID` or an open.spotify.com link) or its
    /// name ignoring case; several playlists of one name: the one with the most tracks (then the lowest id).
    static func playlist(_ query: String, in db: Database) throws -> PlaylistSummary {
        let text = query.trimmingCharacters(in: .whitespaces)
        let spotify = SpotifyID.playlist(text) ?? text
        let select = """
            SELECT p.playlist_id, p.spotify_playlist_id, p.name, p.genre, p.subgenre,
                   (SELECT count(*) FROM playlist_tracks pt WHERE pt.playlist_id = p.playlist_id) AS tracks
            FROM playlists p
            """
        let conditions: [(String, StatementArguments)] = [
            ("p.playlist_id = ?", [Int64(text) ?? -1]),
            ("p.spotify_playlist_id = ?", [String(spotify)]),
            ("p.name = ? COLLATE NOCASE", [text]),
        ]
        for (condition, arguments) in conditions {
            if let row = try Row.fetchOne(db, sql: select + " WHERE " + condition + " ORDER BY tracks DESC, p.playlist_id LIMIT 1",
                                          arguments: arguments) {
                return summary(row)
            }
        }
        let all = try Row.fetchAll(db, sql: select + " ORDER BY tracks DESC, p.playlist_id")
        if let row = all.first(where: { ($0["name"] as String).lowercased() == text.lowercased() }) { return summary(row) }
        throw AnalyticsError.unknownPlaylist(query, suggestions: NearMiss.suggestions(for: text, among: all.map { $0["name"] as String }))
    }

    static func summary(_ row: Row) -> PlaylistSummary {
        PlaylistSummary(playlistID: row["playlist_id"], spotifyPlaylistID: row["spotify_playlist_id"], name: row["name"],
                        genre: row["genre"], subgenre: row["subgenre"], trackCount: row["tracks"])
    }

    /// The one of `names` equal to `name` under Unicode case folding (the first, if several).
    static func sameIgnoringCase(_ name: String, among names: [String]) -> String? {
        let wanted = name.lowercased()
        return names.first { $0.lowercased() == wanted }
    }

    private static func fetch(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> TrackMatch? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT track_id, track_name, artists FROM v_tracks t WHERE \(condition)
            ORDER BY popularity DESC, track_id LIMIT 1
            """, arguments: arguments)
        else { return nil }
        let artists: String? = row["artists"]
        return TrackMatch(trackID: row["track_id"], name: row["track_name"],
                          artists: artists.map { $0.split(separator: ";").map(String.init) } ?? [])
    }
}
