import Core
import Foundation

/// One slice of the Million Playlist Dataset (`mpd.slice.N-M.json`): `{"info": {...}, "playlists": [{"pid", "name",
/// "collaborative", "modified_at", "num_tracks", "tracks": [{"pos", "track_uri", "track_name", "artist_name",
/// "artist_uri", "album_uri", "album_name", "duration_ms"}]}]}`. Only what the warehouse stores is decoded.
struct PlaylistSlice: Decodable {
    var playlists: [Playlist]

    struct Playlist: Decodable {
        var pid: Int
        var name: String
        var tracks: [Track]
    }

    struct Track: Codable {
        var pos: Int?
        var track_uri: String?
        var track_name: String?
        var artist_name: String?
        var artist_uri: String?
        var album_uri: String?
        var album_name: String?
        var duration_ms: Int?

        /// The text fields, each checked against the input limits.
        static var texts: [(name: String, field: WritableKeyPath<Track, String?>)] {
            [("track_uri", \.track_uri), ("track_name", \.track_name), ("artist_name", \.artist_name), ("artist_uri", \.artist_uri),
             ("album_uri", \.album_uri), ("album_name", \.album_name)]
        }

        /// The entry as the file gives it (for a reject's raw line), a text over the field limit cut to its excerpt.
        func rawText(limits: InputLimits) -> String {
            var shown = self
            for text in Self.texts where (shown[keyPath: text.field]?.utf8.count ?? 0) > limits.maxFieldBytes {
                shown[keyPath: text.field] = shown[keyPath: text.field].map(limits.excerpt)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(shown)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }

        enum Outcome {
            case track(TrackRecord)
            case rejected(reason: String)
        }

        /// A metadata-only track (no audio, no popularity): the slice credits its lead artist only. A duration of
        /// 0 is the dataset's "unknown", kept as NULL. A text over the field limit, or holding a NUL, is a reject.
        func record(limits: InputLimits) -> Outcome {
            var problems = Self.texts.compactMap { text in self[keyPath: text.field].flatMap { limits.textProblem(text.name, $0) } }
            var trackID: String?
            if let uri = track_uri?.trimmedSpaces, !uri.isEmpty {
                trackID = SpotifyID.track(uri)
                if trackID == nil { problems.append("track_uri '\(uri.prefix(60))' is not a Spotify track id") }
            } else {
                problems.append("missing track_uri")
            }
            let name = track_name?.trimmedSpaces ?? ""
            if name.isEmpty { problems.append("missing track_name") }
            let artist = artist_name?.trimmedSpaces ?? ""
            if artist.isEmpty { problems.append("missing artist_name") }
            if let duration_ms, duration_ms < 0 || duration_ms > Int(Int32.max) { problems.append("duration_ms \(duration_ms) is outside 0..\(Int32.max)") }
            if !problems.isEmpty { return .rejected(reason: problems.joined(separator: "; ")) }
            let albumName = album_name?.trimmedSpaces
            let albumID = album_uri.flatMap { $0.hasPrefix("spotify:album:") ? String($0.dropFirst("spotify:album:".count)) : nil }
            return .track(TrackRecord(trackID: trackID!, name: name, artists: [artist],
                                      albumName: albumName?.isEmpty == false ? albumName : nil, spotifyAlbumID: albumID,
                                      durationMs: duration_ms.flatMap { $0 > 0 ? $0 : nil })
                .withArtistSpotifyIDs(artist_uri.flatMap(SpotifyID.artist).map { [$0] } ?? []))
        }
    }

    /// The 1-based line where each track entry starts, in file order (objects opened four levels down:
    /// root, playlists, playlist, tracks).
    static func trackStartLines(_ data: Data) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        for byte in data {
            if byte == 0x0A { line += 1 }
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x5B: depth += 1
            case 0x7B:
                depth += 1
                if depth == 5 { lines.append(line) }
            case 0x5D, 0x7D: depth -= 1
            default: break
            }
        }
        return lines
    }
}
