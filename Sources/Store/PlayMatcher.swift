import Core
import GRDB

/// The one rule that finds the warehouse's track for a play, whether the play is a loaded listener's (`ingest
/// --listener`) or a line of a `recommend --history` file: its Spotify id when the warehouse holds that track; else
/// the same song (`SameSong`: no case, accents or version suffix) by artist and title, any credited artist. A play
/// that names no artist (Apple Music's play activity often has none) matches the one song with its title, and
/// nothing when several songs share it: an export's play is evidence, and a guess would invent one. A line a person
/// typed with a title alone takes the first track of that title, as a name typed on the command line does. When
/// several tracks qualify, a Spotify id wins over a derived `jb-` id, then the smallest id. Built with one read of the warehouse, for thousands of plays at once.
public struct PlayMatcher: Sendable {
    private var trackIDs: Set<String> = []
    private var bySong: [String: String] = [:]
    /// The first track of a title; the one song of a title ("" when several songs share it), with its artists.
    private var byTitle: [String: String] = [:]
    private var onlySongByTitle: [String: String] = [:]
    private var titleArtists: [String: Set<String>] = [:]

    /// Every track, or only the tracks an ingest wrote (`ingestID`, for linking waiting plays after that ingest).
    @_spi(WarehouseSQL) public init(_ db: Database, tracksOfIngest ingestID: Int64? = nil) throws {
        let filter = ingestID.map { "WHERE t.last_ingest_id = \($0)" } ?? ""
        let rows = try Row.fetchCursor(db, sql: """
            SELECT t.track_id, t.name, a.name FROM tracks t
            JOIN track_artists ta ON ta.track_id = t.track_id JOIN artists a ON a.artist_id = ta.artist_id
            \(filter) ORDER BY t.id_is_derived, t.track_id
            """)
        // The preferred track comes first: keep the first one under each key.
        while let row = try rows.next() {
            let id: String = row[0], title: String = row[1]
            trackIDs.insert(id)
            let song = SameSong.key(title: title, leadArtist: row[2])
            if bySong[song] == nil { bySong[song] = id }
            // Another track of a title by none of the first track's credited artists is another song.
            let bare = SameSong.title(title), artist = SameSong.artist(row[2])
            if byTitle[bare] == nil { byTitle[bare] = id }
            if let known = onlySongByTitle[bare] {
                if known == id { titleArtists[bare, default: []].insert(artist) }
                else if !known.isEmpty, titleArtists[bare]?.contains(artist) != true { onlySongByTitle[bare] = "" }
            } else {
                onlySongByTitle[bare] = id
                titleArtists[bare] = [artist]
            }
        }
    }

    /// A play as an export gives it: its Spotify id (if any), title and artist.
    public func match(spotifyID: String?, title: String, artist: String?) -> String? {
        if let spotifyID, trackIDs.contains(spotifyID) { return spotifyID }
        guard !title.isEmpty else { return nil }
        guard let artist, !artist.isEmpty else { return onlySong(titled: title) }
        return bySong[SameSong.key(title: title, leadArtist: artist)]
    }

    /// A line as a person writes it: an id (bare, a `spotify:track:` URI or a link), "artist - title" (split at any
    /// " - ", for artists or titles that hold one), or a title alone.
    public func match(_ line: String) -> String? {
        let text = line.trimmingCharacters(in: .whitespaces)
        let id = SpotifyID.track(text) ?? text
        if trackIDs.contains(id) { return id }
        var separator = text.startIndex
        while let range = text.range(of: " - ", range: separator..<text.endIndex) {
            if let id = match(spotifyID: nil, title: String(text[range.upperBound...]), artist: String(text[..<range.lowerBound])) { return id }
            separator = range.upperBound
        }
        return byTitle[SameSong.title(text)]
    }

    private func onlySong(titled title: String) -> String? {
        onlySongByTitle[SameSong.title(title)].flatMap { $0.isEmpty ? nil : $0 }
    }
}
