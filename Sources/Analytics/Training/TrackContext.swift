import Core
import Foundation
import GRDB
import Learning

/// What the warehouse knows of a track besides its audio: its credited artists and album (ids), the song it
/// is a recording of, and the words of its title, album and artist names. The genre model reads these.
struct TrackContext: Sendable, Equatable {
    var artists: [Int64] = []
    var album: Int64?
    /// Lead artist and title without version suffixes ("- Remastered", "(feat. X)"): one song's recordings share it.
    var song: Int64?
    /// Hashed words of the title, album name and artist names.
    var words: [UInt64] = []

    init() {}

    init(artists: [Int64], album: Int64?, title: String, albumName: String?, artistNames: [String]) {
        self.artists = artists
        self.album = album
        song = Self.songKey(leadArtist: artistNames.first, title: title)
        words = TextTokens.hashedWords([title, albumName ?? "", artistNames.joined(separator: " ")].joined(separator: " "))
    }

    /// The song's recordings by one lead artist (`SameSong.key`), hashed.
    static func songKey(leadArtist: String?, title: String) -> Int64? {
        guard let leadArtist, !SameSong.artist(leadArtist).isEmpty, !SameSong.title(title).isEmpty else { return nil }
        return Int64(bitPattern: TextTokens.hash(SameSong.key(title: title, leadArtist: leadArtist)))
    }

    /// Every track's context, from `v_tracks` (names) and `v_track_artist_links` (ids).
    static func readAll(_ db: Database, links: TrackLinks) throws -> [String: TrackContext] {
        var contexts: [String: TrackContext] = [:]
        let cursor = try Row.fetchCursor(db, sql: "SELECT track_id, track_name, album_name, artists FROM v_tracks")
        while let row = try cursor.next() {
            let id: String = row[0]
            let names = ((row[3] as String?) ?? "").split(separator: ";").map(String.init)
            contexts[id] = TrackContext(artists: links.artistsOfTrack[id] ?? [], album: links.albumOfTrack[id], title: row[1] ?? "",
                                        albumName: row[2], artistNames: names)
        }
        return contexts
    }
}
