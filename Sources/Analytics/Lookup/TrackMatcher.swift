import Core
import GRDB

/// Matches many track queries at once, by the rules of `NameLookup.track` (an id in any of its spellings,
/// "artist - title" with any credited artist, a bare title; case ignored, the most popular track winning),
/// from maps built with one read of the warehouse. For a listening history of thousands of lines, where a
/// query per line and a near-miss scan per unknown line took a third of a second each. It suggests nothing:
/// an unknown query is nil.
public struct TrackMatcher: Sendable {
    private var trackIDs: Set<String> = []
    /// Lower-cased artist and title, for every credited artist, to the most popular such track.
    private var byArtistAndTitle: [String: String] = [:]
    /// Lower-cased title to the most popular track of that name.
    private var byTitle: [String: String] = [:]

    public init(_ db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT t.track_id, t.track_name, a.name
            FROM v_tracks t JOIN track_artists ta ON ta.track_id = t.track_id JOIN artists a USING (artist_id)
            ORDER BY t.popularity DESC, t.track_id
            """)
        // The most popular track comes first: keep the first one under each key.
        while let row = try rows.next() {
            let id: String = row[0], title = (row[1] as String).lowercased(), artist = (row[2] as String).lowercased()
            trackIDs.insert(id)
            if byTitle[title] == nil { byTitle[title] = id }
            let key = Self.key(artist: artist, title: title)
            if byArtistAndTitle[key] == nil { byArtistAndTitle[key] = id }
        }
    }

    /// The id of the track `query` names, or nil.
    public func match(_ query: String) -> String? {
        let text = query.trimmingCharacters(in: .whitespaces)
        let id = SpotifyID.track(text) ?? text
        if trackIDs.contains(id) { return id }
        let wanted = text.lowercased()
        var separator = wanted.startIndex
        while let range = wanted.range(of: " - ", range: separator..<wanted.endIndex) {
            if let id = byArtistAndTitle[Self.key(artist: wanted[..<range.lowerBound], title: wanted[range.upperBound...])] { return id }
            separator = range.upperBound
        }
        return byTitle[wanted]
    }

    private static func key(artist: some StringProtocol, title: some StringProtocol) -> String {
        artist + "\u{1F}" + title
    }
}
