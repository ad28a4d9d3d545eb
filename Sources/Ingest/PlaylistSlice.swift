import Core
import Foundation

/// One slice of the Million Playlist Dataset (`mpd.slice.N-M.json`): `{"info": {...}, "playlists": [{"pid", "name",
/// "collaborative", "modified_at", "num_tracks", "tracks": [{"pos", "track_uri", "track_name", "artist_name",
/// "artist_uri", "album_uri", "album_name", "duration_ms"}]}]}`. Only what the warehouse stores is decoded, and
/// leniently: a playlist or an entry with a field of the wrong type or out of range is a reject, never the file.
struct PlaylistSlice: Decodable {
    var playlists: [Playlist]

    /// A place in a playlist: `pos` is 0-based, so the last one is `PlaylistWriter.positions`' upper bound - 1.
    static let positions = 0...(PlaylistWriter.positions.upperBound - 1)

    /// One element of `playlists`. Its problems (not an object, a missing or negative pid, no name, tracks that are
    /// no list) reject it with all its entries.
    struct Playlist: Codable {
        var pid: Int?
        var name: String?
        var tracks: [Entry] = []
        var problems: [String] = []

        enum CodingKeys: String, CodingKey { case pid, name, tracks }

        init(from decoder: any Decoder) {
            guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
                problems = ["the playlist is not a JSON object"]
                return
            }
            var fields = LenientFields(container)
            pid = fields.wholeNumber(.pid, in: 0...Int.max)
            if pid == nil && !fields.has(.pid) { problems.append("missing pid") }
            name = fields.text(.name)
            if name == nil && !fields.has(.name) { problems.append("missing name") }
            if fields.has(.tracks) {
                // Entry never throws, so one bad entry cannot fail the list.
                if let tracks = try? container.decode([Entry].self, forKey: .tracks) { self.tracks = tracks } else { problems.append("tracks is not a list") }
            }
            problems = fields.problems + problems
        }

        /// The playlist without its entries, as a reject's raw line.
        var rawText: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(pid, forKey: .pid)
            try container.encodeIfPresent(name, forKey: .name)
        }
    }

    /// One element of a playlist's `tracks`: a track entry, or why it is none.
    enum Entry: Decodable {
        case track(Track)
        case notAnObject

        init(from decoder: any Decoder) {
            if let track = try? Track(from: decoder) { self = .track(track) } else { self = .notAnObject }
        }
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

        /// Fields present with a value of the wrong type or out of range.
        var problems: [String] = []

        enum CodingKeys: String, CodingKey {
            case pos, track_uri, track_name, artist_name, artist_uri, album_uri, album_name, duration_ms
        }

        init(from decoder: any Decoder) throws {
            var fields = LenientFields(try decoder.container(keyedBy: CodingKeys.self))
            pos = fields.wholeNumber(.pos, in: PlaylistSlice.positions)
            track_uri = fields.text(.track_uri)
            track_name = fields.text(.track_name)
            artist_name = fields.text(.artist_name)
            artist_uri = fields.text(.artist_uri)
            album_uri = fields.text(.album_uri)
            album_name = fields.text(.album_name)
            duration_ms = fields.wholeNumber(.duration_ms, in: 0...Int(Int32.max))
            problems = fields.problems
        }

        /// The text fields, each checked against the input limits.
        static var texts: [(name: String, field: WritableKeyPath<Track, String?>)] {
            [("track_uri", \.track_uri), ("track_name", \.track_name), ("artist_name", \.artist_name), ("artist_uri", \.artist_uri),
             ("album_uri", \.album_uri), ("album_name", \.album_name)]
        }

        /// The entry as the file gives it (for a reject's raw line): the fields read, without those that were wrong, and
        /// a text over the field limit cut to its excerpt.
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
            var problems = self.problems + Self.texts.compactMap { text in self[keyPath: text.field].flatMap { limits.textProblem(text.name, $0) } }
            var trackID: String?
            if let uri = track_uri?.trimmedSpaces, !uri.isEmpty {
                trackID = SpotifyID.track(uri)
                if trackID == nil { problems.append("track_uri '\(uri.prefix(60))' is not a Spotify track id") }
            } else if !problems.contains(where: { $0.hasPrefix("track_uri ") }) {
                problems.append("missing track_uri")
            }
            let name = track_name?.trimmedSpaces ?? ""
            if name.isEmpty && !problems.contains(where: { $0.hasPrefix("track_name ") }) { problems.append("missing track_name") }
            let artist = artist_name?.trimmedSpaces ?? ""
            if artist.isEmpty && !problems.contains(where: { $0.hasPrefix("artist_name ") }) { problems.append("missing artist_name") }
            if !problems.isEmpty { return .rejected(reason: problems.joined(separator: "; ")) }
            let albumName = album_name?.trimmedSpaces
            let albumID = album_uri.flatMap(SpotifyID.album)
            return .track(TrackRecord(trackID: trackID!, name: name, artists: [artist],
                                      albumName: albumName?.isEmpty == false ? albumName : nil, spotifyAlbumID: albumID,
                                      durationMs: duration_ms.flatMap { $0 > 0 ? $0 : nil })
                .withArtistSpotifyIDs(artist_uri.flatMap(SpotifyID.artist).map { [$0] } ?? []))
        }
    }
}
