import Core
import Foundation
import Store

/// Turns one CSV record into a validated `TrackRecord`, or the list of reasons it cannot be one.
/// Every rule is here, so the rejects table and the tests speak the same language.
public struct RowParser: Sendable {
    public let mapping: HeaderMapping
    /// `--genre NAME`: a tag added to every row of the file.
    public let extraGenre: String?
    /// The playlist every row of the file belongs to (an exported playlist: its file name or `--playlist`),
    /// when the file has no playlist id column of its own.
    public let filePlaylist: String?

    public init(mapping: HeaderMapping, extraGenre: String? = nil, filePlaylist: String? = nil) {
        self.mapping = mapping
        self.extraGenre = extraGenre
        self.filePlaylist = filePlaylist
    }

    /// Whether rows of this file carry playlist membership (see `membership(_:)`).
    public var hasPlaylists: Bool { mapping.column(.playlistID) != nil || mapping.column(.playlistName) != nil || filePlaylist != nil }

    /// The playlist a row of an accepted track belongs to, nil when the file carries no playlists or the row names none.
    public func membership(_ fields: [String]) -> PlaylistMembership? {
        guard hasPlaylists, fields.count == mapping.header.count else { return nil }
        func text(_ field: TrackField) -> String? {
            guard let column = mapping.column(field) else { return nil }
            let value = fields[column].trimmedSpaces
            return value.isEmpty ? nil : value
        }
        let addedAt = text(.addedAt)
        if let id = text(.playlistID) {
            let spotifyID = SpotifyID.playlist(id) ?? id
            return PlaylistMembership(key: "spotify:" + spotifyID, spotifyPlaylistID: spotifyID, name: text(.playlistName) ?? spotifyID,
                                      genre: text(.playlistGenre), subgenre: text(.playlistSubgenre), addedAt: addedAt)
        }
        guard let name = text(.playlistName) ?? filePlaylist else { return nil }
        return PlaylistMembership(key: "name:" + name, name: name, genre: text(.playlistGenre), subgenre: text(.playlistSubgenre), addedAt: addedAt)
    }

    public enum Outcome: Sendable {
        case track(TrackRecord)
        case rejected(reason: String)
    }

    public func parse(_ fields: [String]) -> Outcome {
        let expected = mapping.header.count
        if fields.count != expected {
            return .rejected(reason: "expected \(expected) fields, found \(fields.count)")
        }
        var problems: [String] = []
        func text(_ field: TrackField) -> String? {
            guard let column = mapping.column(field) else { return nil }
            let value = fields[column].trimmedSpaces
            return value.isEmpty ? nil : value
        }
        /// A number from a mapped column: empty, not a plain decimal number or out of range is a problem.
        func number(_ field: TrackField, _ range: ClosedRange<Double>? = nil, integer: Bool = false) -> Double? {
            guard let column = mapping.column(field) else { return nil }
            let raw = fields[column].trimmedSpaces
            if raw.isEmpty {
                problems.append("missing \(field.rawValue)")
                return nil
            }
            guard let value = Self.decimalNumber(raw) else {
                problems.append("\(field.rawValue) '\(raw.prefix(40))' is not a decimal number")
                return nil
            }
            if integer && value.rounded() != value {
                problems.append("\(field.rawValue) \(raw.prefix(40)) is not a whole number")
                return nil
            }
            if let range, !range.contains(value) {
                problems.append("\(field.rawValue) \(raw.prefix(40)) is outside \(Self.describe(range))")
                return nil
            }
            return value
        }
        func integer(_ field: TrackField, _ range: ClosedRange<Double>? = nil) -> Int? {
            number(field, range, integer: true).map { Int($0) }
        }

        let name = text(.trackName)
        if name == nil { problems.append("missing track_name") }
        let artists = text(.artists).map(mapping.isExportify ? Self.splitExportifyNames : Self.splitArtists) ?? []
        if artists.isEmpty { problems.append("missing artists") }

        var trackID: String?
        if let rawID = text(.trackID) {
            if let id = Self.spotifyID(rawID) { trackID = id } else { problems.append("track_id '\(rawID.prefix(60))' is not a Spotify track id") }
        } else if mapping.column(.trackID) != nil {
            // Derived jb- ids are for dumps with no id column at all: an empty id in an id column is a gap, not a new track.
            problems.append("missing track_id (the file has a track id column; derived jb- ids are only for dumps without one)")
        }

        let popularity = integer(.popularity, 0...100)
        let durationMs = integer(.durationMs, 1...Double(Int32.max))
        var explicit: Bool?
        if mapping.column(.explicit) != nil {
            if let raw = text(.explicit) {
                explicit = Self.boolean(raw)
                if explicit == nil { problems.append("explicit '\(raw.prefix(20))' is not true/false") }
            } else {
                problems.append("missing explicit")
            }
        }

        var features = AudioFeatures()
        // Ranges from the one list of audio features. A row whose audio columns are all empty has no audio (an
        // export made after Spotify stopped giving audio features): its features stay NULL; some empty is a reject.
        let audioColumns = TrackField.audioFeatures.compactMap { mapping.column($0) }
        let hasNoAudio = !audioColumns.isEmpty && audioColumns.allSatisfy { fields[$0].trimmedSpaces.isEmpty }
        func measured(_ field: TrackField, _ feature: AudioFeature) -> Double? {
            hasNoAudio ? nil : number(field, feature.range, integer: feature.isInteger)
        }
        features.danceability = measured(.danceability, .danceability)
        features.energy = measured(.energy, .energy)
        features.key = measured(.key, .key).map { Int($0) }
        features.loudness = measured(.loudness, .loudness)
        features.mode = measured(.mode, .mode).map { Int($0) }
        features.speechiness = measured(.speechiness, .speechiness)
        features.acousticness = measured(.acousticness, .acousticness)
        features.instrumentalness = measured(.instrumentalness, .instrumentalness)
        features.liveness = measured(.liveness, .liveness)
        features.valence = measured(.valence, .valence)
        features.tempo = measured(.tempo, .tempo)
        features.timeSignature = measured(.timeSignature, .timeSignature).map { Int($0) }

        var releaseDate: String?
        var releaseYear: Int?
        if let raw = text(.releaseDate) {
            switch Self.releaseDate(raw) {
            case .unknown: break
            case let .date(date, year): releaseDate = date; releaseYear = year
            case .invalid: problems.append("release_date '\(raw.prefix(30))' is not YYYY, YYYY-MM or YYYY-MM-DD")
            }
        }
        if let raw = text(.year) {
            if let year = Int(raw), year == 0 || (1000...2100).contains(year) {
                if year != 0 { releaseYear = releaseYear ?? year }
            } else {
                problems.append("year '\(raw.prefix(20))' is not a year between 1000 and 2100")
            }
        }

        var genres = text(.genre).map(Self.splitGenres) ?? []
        if let extraGenre, !genres.contains(where: { $0.lowercased() == extraGenre.lowercased() }) { genres.append(extraGenre) }

        if !problems.isEmpty { return .rejected(reason: problems.joined(separator: "; ")) }
        let trackName = name!
        let idIsDerived = trackID == nil
        let record = TrackRecord(
            trackID: trackID ?? Self.derivedID(artists: artists, title: trackName),
            idIsDerived: idIsDerived,
            name: trackName,
            artists: artists,
            albumName: text(.albumName),
            spotifyAlbumID: text(.albumID).map { SpotifyID.album($0) ?? $0 },
            genres: genres,
            popularity: popularity,
            durationMs: durationMs,
            explicit: explicit,
            releaseDate: releaseDate,
            releaseYear: releaseYear,
            features: features).withArtistGenres(text(.artistGenres).map(Self.splitGenres) ?? [])
        // Most dumps have no artist ids: no second copy of the record for them.
        guard let artistIDs = text(.artistIDs) else { return .track(record) }
        return .track(record.withArtistSpotifyIDs(Self.splitArtistIDs(artistIDs)))
    }

    /// Exportify's name lists: comma-separated, a comma inside a name escaped as `\,` (`Tyler\, The Creator, Kali Uchis`).
    public static func splitExportifyNames(_ raw: String) -> [String] {
        var names: [String] = []
        var current = ""
        var escaped = false
        for character in raw {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "," {
                names.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        names.append(current)
        var kept: [String] = []
        for name in names.map(\.trimmedSpaces) where !name.isEmpty && !kept.contains(name) { kept.append(name) }
        return kept
    }

    // MARK: - Value rules

    /// A stable id for a dump without Spotify ids: re-ingesting the same song gives the same id.
    public static func derivedID(artists: [String], title: String) -> String {
        let key = artists.map { $0.lowercased() }.joined(separator: ";") + "\u{1F}" + title.lowercased()
        return "jb-" + SHA256.hex(key).prefix(19)
    }

    /// Accepts a bare 22-character id, a `spotify:track:` URI or an open.spotify.com link.
    static func spotifyID(_ raw: String) -> String? { SpotifyID.track(raw) }

    /// `A;B`, or a Python-style list `['A', "B's"]` as some exports write it.
    public static func splitArtists(_ raw: String) -> [String] {
        // Most rows credit one artist: no list to split or repeats to drop.
        if !raw.utf8.contains(where: { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "[") }) {
            let name = raw.trimmedSpaces
            return name.isEmpty ? [] : [name]
        }
        let names = pythonList(raw) ?? raw.split(separator: ";").map(String.init)
        var kept: [String] = []
        for name in names.map(\.trimmedSpaces) where !name.isEmpty && !kept.contains(name) { kept.append(name) }
        return kept
    }

    /// `rock, pop`, `pop`, a Python-style list, or `set()` for none.
    public static func splitGenres(_ raw: String) -> [String] {
        if raw == "set()" || raw == "[]" { return [] }
        // Most rows carry one tag: nothing to split or compare.
        if !raw.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "[") }) {
            let name = raw.trimmedSpaces
            return name.isEmpty ? [] : [name]
        }
        // `;` separates tags in every form (v_tracks joins genres with it), inside a Python-style list too.
        let names = pythonList(raw).map { $0.flatMap { $0.split(separator: ";").map(String.init) } }
            ?? raw.split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init)
        var seen = Set<String>()
        return names.map(\.trimmedSpaces)
            .filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }

    /// Items of `['a', "b"]`, or nil when the text is not such a list.
    static func pythonList(_ raw: String) -> [String]? {
        guard raw.utf8.first == UInt8(ascii: "["), raw.utf8.last == UInt8(ascii: "]") else { return nil }
        let chars = Array(raw)
        guard chars.count >= 2, chars.first == "[", chars.last == "]" else { return nil }
        var items: [String] = []
        var i = 1
        let end = chars.count - 1
        while i < end {
            while i < end && (chars[i] == " " || chars[i] == ",") { i += 1 }
            if i >= end { break }
            let quote = chars[i]
            guard quote == "'" || quote == "\"" else { return nil }
            i += 1
            var item = ""
            while i < end && chars[i] != quote {
                if chars[i] == "\\" && i + 1 < end { i += 1 }
                item.append(chars[i])
                i += 1
            }
            guard i < end else { return nil }
            i += 1
            items.append(item)
        }
        return items
    }

    /// A plain decimal number (`DecimalNumber` in Core: the web forms read numbers by the same rule).
    public static func decimalNumber(_ raw: String) -> Double? { DecimalNumber.parse(raw) }

    static func boolean(_ raw: String) -> Bool? {
        switch raw.lowercased() {
        case "true", "1", "yes", "t", "y": return true
        case "false", "0", "no", "f", "n": return false
        default: return nil
        }
    }

    enum ReleaseDate: Equatable {
        case date(String, year: Int)
        case unknown
        case invalid
    }

    /// YYYY, YYYY-MM or YYYY-MM-DD. Spotify writes `0000` for an unknown date: that is no date, not an error.
    static func releaseDate(_ raw: String) -> ReleaseDate {
        let parts = raw.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              parts[0].count == 4, let year = Int(parts[0])
        else { return .invalid }
        if year == 0 { return .unknown }
        guard (1000...2100).contains(year) else { return .invalid }
        if parts.count >= 2 {
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return .invalid }
        }
        if parts.count == 3 {
            guard parts[2].count == 2, let day = Int(parts[2]), (1...31).contains(day) else { return .invalid }
        }
        return .date(raw, year: year)
    }

    static func describe(_ range: ClosedRange<Double>) -> String {
        func show(_ x: Double) -> String { x.rounded() == x ? String(Int(x)) : String(x) }
        return "\(show(range.lowerBound))..\(show(range.upperBound))"
    }
}

extension String {
    /// Without leading and trailing spaces and tabs; a fast path for the common case of none.
    var trimmedSpaces: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return "" }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return self }
        return String(self.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
