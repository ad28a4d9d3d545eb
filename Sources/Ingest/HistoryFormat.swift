import Foundation

/// The listening histories Jukebox reads with no options, recognised by content (the file's head), never by a flag.
enum HistoryFormat: String, Sendable, CaseIterable {
    /// A JSON array: Spotify's account data or extended streaming history (`HistoryEntry`).
    case spotify
    /// One JSON listen per line with `listened_at` (a `.jsonl`, or `listens/YEAR/MONTH.jsonl` in the export .zip).
    case listenbrainz
    /// `{"scrobbles": [...]}`: Maloja's export.
    case maloja
    /// `uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid`, every field quoted.
    case lastfm
    /// `artist,album,track,date` with no header (`31 Dec 2025 21:38`): the older Last.fm exporters.
    case lastfmHeaderless = "lastfm_headerless"
    /// `Apple Music Play Activity.csv` from Apple's privacy download.
    case appleMusic = "apple_music"

    /// Every format, for an error that says what a listening history can be.
    static let described = "a Spotify streaming history (a JSON array, or the .zip Spotify sends), a Last.fm scrobble export "
        + "(uts,utc_time,artist,... or header-less artist,album,track,date), ListenBrainz listens (.jsonl with listened_at, or the "
        + "export .zip), Maloja's JSON export ({\"scrobbles\": [...]}) or Apple Music Play Activity.csv"

    /// The history format of a regular file by its first 64 KiB, or nil. Streams are never sniffed (they read once).
    static func detect(path: String) -> HistoryFormat? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var head = (try? handle.read(upToCount: 1 << 16)) ?? Data()
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { head = head.dropFirst(3) }
        let text = String(decoding: head, as: UTF8.self)
        let trimmed = text.drop(while: { $0.isWhitespace })
        if trimmed.first == "[" { return .spotify }
        if trimmed.first == "{" {
            let firstLine = trimmed.prefix(while: { $0 != "\n" })
            if firstLine.contains("\"listened_at\"") { return .listenbrainz }
            if let scrobbles = text.range(of: "\"scrobbles\"") {
                if let playlists = text.range(of: "\"playlists\""), playlists.lowerBound < scrobbles.lowerBound { return nil }
                return .maloja
            }
            return nil
        }
        guard let reader = try? CSVReader(path: path), let first = try? reader.next(), first.problem == nil else { return nil }
        let names = first.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if names.contains("uts") && names.contains("artist") && names.contains("track") { return .lastfm }
        if names.contains("song name") && (names.contains("event end timestamp") || names.contains("play duration milliseconds")) {
            return .appleMusic
        }
        if first.fields.count == 4, LastfmScrobbles.headerlessDate(first.fields[3]) != nil { return .lastfmHeaderless }
        return nil
    }
}
