import Core
import Foundation

/// One element of a Spotify listening-history export, read leniently: a field of the wrong type is a problem of
/// the entry (a reject), not of the file. Only the fields Jukebox stores are decoded; the others (`ip_addr`,
/// `ip_addr_decrypted`, `user_agent_decrypted`, `username`, `conn_country`, `platform`, ...) are never read.
struct HistoryEntry: Decodable, Encodable {
    // Account data (StreamingHistory_music_N.json, StreamingHistoryN.json).
    var endTime: String?
    var artistName: String?
    var trackName: String?
    var msPlayed: Int?
    // Extended history (Streaming_History_Audio_*.json, endsong_N.json).
    var ts: String?
    var ms_played: Int?
    var spotify_track_uri: String?
    var master_metadata_track_name: String?
    var master_metadata_album_artist_name: String?
    var master_metadata_album_album_name: String?
    var reason_start: String?
    var reason_end: String?
    var shuffle: Bool?
    var skipped: Bool?
    var offline: Bool?
    var incognito_mode: Bool?
    // Podcast and audiobook plays: podcasts are kept in `podcast_plays`, audiobooks counted.
    var episode_name: String?
    var episode_show_name: String?
    var spotify_episode_uri: String?
    var audiobook_title: String?
    var audiobook_uri: String?
    var podcastName: String?
    var episodeName: String?

    /// Fields present with a value of the wrong type.
    var problems: [String] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case endTime, artistName, trackName, msPlayed, ts, ms_played, spotify_track_uri, master_metadata_track_name
        case master_metadata_album_artist_name, master_metadata_album_album_name, reason_start, reason_end
        case shuffle, skipped, offline, incognito_mode, episode_name, episode_show_name, spotify_episode_uri, audiobook_title, audiobook_uri
        case podcastName, episodeName
    }

    init(from decoder: any Decoder) throws {
        var f = LenientFields(try decoder.container(keyedBy: CodingKeys.self),
                              limits: decoder.userInfo[JSONInput.limitsKey] as? InputLimits ?? .standard)
        endTime = f.text(.endTime); artistName = f.text(.artistName); trackName = f.text(.trackName); msPlayed = f.wholeNumber(.msPlayed)
        ts = f.text(.ts); ms_played = f.wholeNumber(.ms_played); spotify_track_uri = f.text(.spotify_track_uri)
        master_metadata_track_name = f.text(.master_metadata_track_name)
        master_metadata_album_artist_name = f.text(.master_metadata_album_artist_name)
        master_metadata_album_album_name = f.text(.master_metadata_album_album_name)
        reason_start = f.text(.reason_start); reason_end = f.text(.reason_end)
        shuffle = f.flag(.shuffle); skipped = f.flag(.skipped); offline = f.flag(.offline); incognito_mode = f.flag(.incognito_mode)
        episode_name = f.text(.episode_name); episode_show_name = f.text(.episode_show_name); spotify_episode_uri = f.text(.spotify_episode_uri)
        audiobook_title = f.text(.audiobook_title); audiobook_uri = f.text(.audiobook_uri)
        podcastName = f.text(.podcastName); episodeName = f.text(.episodeName)
        problems = f.problems
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(endTime, forKey: .endTime); try c.encodeIfPresent(artistName, forKey: .artistName)
        try c.encodeIfPresent(trackName, forKey: .trackName); try c.encodeIfPresent(msPlayed, forKey: .msPlayed)
        try c.encodeIfPresent(ts, forKey: .ts); try c.encodeIfPresent(ms_played, forKey: .ms_played)
        try c.encodeIfPresent(spotify_track_uri, forKey: .spotify_track_uri)
        try c.encodeIfPresent(master_metadata_track_name, forKey: .master_metadata_track_name)
        try c.encodeIfPresent(master_metadata_album_artist_name, forKey: .master_metadata_album_artist_name)
        try c.encodeIfPresent(master_metadata_album_album_name, forKey: .master_metadata_album_album_name)
        try c.encodeIfPresent(reason_start, forKey: .reason_start); try c.encodeIfPresent(reason_end, forKey: .reason_end)
        try c.encodeIfPresent(shuffle, forKey: .shuffle); try c.encodeIfPresent(skipped, forKey: .skipped)
        try c.encodeIfPresent(offline, forKey: .offline); try c.encodeIfPresent(incognito_mode, forKey: .incognito_mode)
    }

    /// The elements of an export file (a JSON array, a byte-order mark allowed), or `notAHistory` saying what is wrong.
    static func decodeExport(_ data: Data, path: String, limits: InputLimits) throws -> [HistoryEntry] {
        try JSONInput.decode([HistoryEntry].self, from: data, limits: limits) { IngestError.notAHistory(file: path, reason: $0) }
    }

    /// A Spotify export's entries as history items, each with the line its element starts on.
    static func items(_ data: Data, path: String, listener: String, limits: InputLimits) throws -> [HistoryItem] {
        let entries = try decodeExport(data, path: path, limits: limits)
        let lines = JSONArrayLines.startLines(data)
        return entries.enumerated().map { index, entry in
            HistoryItem(line: index < lines.count ? lines[index] : index + 1, record: entry.listen(listener: listener), rawLine: { entry.rawLine })
        }
    }

    /// The play as the warehouse stores it, or why it is none.
    func listen(listener: String, now: Date = Date()) -> HistoryRecord {
        if audiobook_title != nil || audiobook_uri != nil { return .audiobook }
        var problems = self.problems
        if episode_name != nil || spotify_episode_uri != nil || podcastName != nil || episodeName != nil {
            // Account data names a podcast play with podcastName/episodeName, the extended history with episode_*.
            let at = ts.map { (text: $0, shape: PlayBounds.Shape.second, field: "ts") } ?? endTime.map { ($0, .minute, "endTime") }
            guard let at else { return .rejected(reason: (problems + ["neither ts nor endTime"]).joined(separator: "; ")) }
            let ms = ms_played ?? msPlayed ?? 0
            switch PlayBounds.playedAt(at.text, shape: at.shape, field: at.field, now: now) {
            case let .failure(problem): problems.append(problem.reason)
            case let .success(playedAt):
                if let problem = PlayBounds.durationProblem(ms, field: at.field == "ts" ? "ms_played" : "msPlayed") { problems.append(problem) }
                if problems.isEmpty {
                    return .podcast(PodcastPlay(listener: listener, playedAt: playedAt, msPlayed: ms, showName: episode_show_name ?? podcastName,
                                                episodeName: episode_name ?? episodeName,
                                                spotifyEpisodeID: spotify_episode_uri.map { String($0.split(separator: ":").last ?? "") },
                                                source: ts == nil ? .spotifyAccount : .spotifyExtended))
                }
            }
            return .rejected(reason: problems.joined(separator: "; "))
        }
        let playedAt: String?
        let ms: Int?
        let title: String?
        let artist: String?
        var spotifyID: String?
        func instant(_ text: String, _ shape: PlayBounds.Shape, _ field: String) -> String? {
            switch PlayBounds.playedAt(text, shape: shape, field: field, now: now) {
            case let .success(instant): return instant
            case let .failure(problem): problems.append(problem.reason); return nil
            }
        }
        if let ts {
            playedAt = instant(ts, .second, "ts")
            ms = ms_played
            if ms_played == nil && !problems.contains(where: { $0.hasPrefix("ms_played") }) { problems.append("missing ms_played") }
            title = master_metadata_track_name
            artist = master_metadata_album_artist_name
            if let uri = spotify_track_uri {
                spotifyID = SpotifyID.track(uri)
                if spotifyID == nil { problems.append("spotify_track_uri '\(uri.prefix(60))' is not a Spotify track") }
            }
        } else if let endTime {
            playedAt = instant(endTime, .minute, "endTime")
            ms = msPlayed
            if msPlayed == nil && !problems.contains(where: { $0.hasPrefix("msPlayed") }) { problems.append("missing msPlayed") }
            title = trackName
            artist = artistName
        } else {
            return .rejected(reason: (problems + ["neither ts nor endTime: not a Spotify streaming-history entry"]).joined(separator: "; "))
        }
        if let ms, let problem = PlayBounds.durationProblem(ms, field: ts == nil ? "msPlayed" : "ms_played") { problems.append(problem) }
        if title == nil && spotifyID == nil { problems.append("no track name and no track URI") }
        if !problems.isEmpty { return .rejected(reason: problems.joined(separator: "; ")) }
        return .listen(Listen(
            listener: listener, playedAt: playedAt!, playedAtToTheMinute: ts == nil, msPlayed: ms!, spotifyTrackID: spotifyID,
            artistName: artist, trackName: title ?? "", albumName: master_metadata_album_album_name, reasonStart: reason_start,
            reasonEnd: reason_end, shuffle: shuffle, skipped: skipped, offline: offline, incognitoMode: incognito_mode,
            source: ts == nil ? .spotifyAccount : .spotifyExtended))
    }

    /// The entry as a reject's raw line: only the fields above (never an IP address, user agent or user name).
    var rawLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// The 1-based line where each element of a JSON array starts (rejects' line numbers), by a scan that follows strings
/// and nesting: the top-level array (`depth` 1, a Spotify export), or the first array one level in (`depth` 2,
/// Maloja's `{"scrobbles": [...]}`).
enum JSONArrayLines {
    static func startLines(_ data: Data, depth target: Int = 1) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        var expecting = false
        var inArray = false
        for byte in data {
            if byte == 0x0A { line += 1 }
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if inArray && depth == target && expecting && !isSpace && byte != 0x5D {
                lines.append(line)
                expecting = false
            }
            switch byte {
            case 0x22: inString = true
            case 0x5B, 0x7B:
                depth += 1
                if depth == target && byte == 0x5B && lines.isEmpty && !inArray { inArray = true; expecting = true }
            case 0x5D, 0x7D:
                if depth == target && inArray && byte == 0x5D { return lines }
                depth -= 1
            case 0x2C: if depth == target && inArray { expecting = true }
            default: break
            }
        }
        return lines
    }
}
