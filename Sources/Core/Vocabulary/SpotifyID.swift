/// Spotify ids in the forms people share them: the bare 22-character base-62 id, a `spotify:KIND:` URI, or an
/// `open.spotify.com/KIND/` link (with or without a locale or user segment or `?si=`), for tracks, artists, albums
/// and playlists.
public enum SpotifyID {
    /// The bare id, or nil when `text` is none of those forms.
    public static func track(_ text: String) -> String? { bare(text, kind: "track") }

    /// A Spotify artist id in the same forms (`spotify:artist:`, `open.spotify.com/artist/`), bare, or nil.
    public static func artist(_ text: String) -> String? { bare(text, kind: "artist") }

    /// A Spotify album id in the same forms (`spotify:album:`, `open.spotify.com/album/`), bare, or nil.
    public static func album(_ text: String) -> String? { bare(text, kind: "album") }

    /// A Spotify playlist id in the same forms (`spotify:playlist:`, `open.spotify.com/playlist/`), bare, or nil.
    public static func playlist(_ text: String) -> String? { bare(text, kind: "playlist") }

    static func bare(_ text: String, kind: String) -> String? {
        if isBareID(Substring(text)) { return text }
        var id = Substring(text)
        if id.hasPrefix("spotify:\(kind):") { id = id.dropFirst("spotify:\(kind):".count) }
        if let range = id.firstRange(of: "open.spotify.com/") {
            let path = id[range.upperBound...].split(separator: "/", omittingEmptySubsequences: true)
            guard let index = path.firstIndex(where: { $0 == kind }), index + 1 < path.endIndex else { return nil }
            id = path[index + 1].prefix { $0 != "?" && $0 != "#" }
        }
        return isBareID(id) ? String(id) : nil
    }

    static func isBareID(_ text: Substring) -> Bool {
        text.utf8.count == 22 && text.utf8.allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }
    }
}
