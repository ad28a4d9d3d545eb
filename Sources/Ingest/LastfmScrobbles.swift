import Core
import Foundation

/// Last.fm scrobble exports, both shapes people have: the common `uts,utc_time,artist,artist_mbid,album,album_mbid,
/// track,track_mbid` (every field quoted; `uts` the Unix time the track started, `utc_time` like "31 Dec 2025,
/// 21:38" for people) and the older exporters' header-less `artist,album,track,date` (`31 Dec 2025 21:38`, UTC, to the
/// minute). A scrobble is a start time: Last.fm stores no duration, so `ms_played` is 0 and marked unknown.
struct LastfmScrobbles {
    private let uts: Int?
    private let utcTime: Int?
    private let artist: Int
    private let album: Int?
    private let track: Int

    /// The columns of a header (`uts, ..., track`), or the fixed four of the header-less shape.
    init(header: [String]?) {
        guard let header else {
            uts = nil; utcTime = nil; artist = 0; album = 1; track = 2
            return
        }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        uts = names.firstIndex(of: "uts"); utcTime = names.firstIndex(of: "utc_time")
        artist = names.firstIndex(of: "artist") ?? 0; album = names.firstIndex(of: "album"); track = names.firstIndex(of: "track") ?? 0
    }

    func record(_ fields: [String], listener: String, now: Date = Date()) -> HistoryRecord {
        func field(_ index: Int?) -> String? {
            guard let index, index < fields.count else { return nil }
            let value = fields[index].trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        var problems: [String] = []
        var playedAt: String?
        var toTheMinute = false
        if let uts {
            if let text = field(uts) {
                if let seconds = Int(text) {
                    switch PlayBounds.playedAt(unixSeconds: seconds, field: "uts", source: .lastfm, now: now) {
                    case let .success(at): playedAt = at
                    case let .failure(problem): problems.append(problem.reason)
                    }
                } else {
                    problems.append("uts '\(text.prefix(40))' is not a Unix time in seconds")
                }
            } else {
                problems.append("missing uts")
            }
        } else {
            let text = field(3) ?? ""
            if fields.count != 4 { problems.append("\(fields.count) fields, not the 4 of artist,album,track,date") }
            if let minute = Self.headerlessDate(text) {
                switch PlayBounds.playedAt(minute, shape: .minute, field: "date", source: .lastfm, now: now) {
                case let .success(at): playedAt = at; toTheMinute = true
                case let .failure(problem): problems.append(problem.reason)
                }
            } else if fields.count == 4 {
                problems.append("date '\(text.prefix(40))' is not like 31 Dec 2025 21:38")
            }
        }
        let artistName = field(artist), trackName = field(track)
        if artistName == nil { problems.append("missing artist") }
        if trackName == nil { problems.append("missing track") }
        guard problems.isEmpty, let playedAt, let trackName else { return .rejected(reason: problems.joined(separator: "; ")) }
        return .listen(Listen(listener: listener, playedAt: playedAt, playedAtToTheMinute: toTheMinute, msPlayed: 0, artistName: artistName,
                              trackName: trackName, albumName: field(album), source: .lastfm, msPlayedSource: .unknown))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `31 Dec 2025 21:38` (a comma after the year allowed) as `2025-12-31 21:38`, or nil.
    static func headerlessDate(_ text: String) -> String? {
        let parts = text.replacingOccurrences(of: ",", with: " ").split(separator: " ")
        guard parts.count == 4, let day = Int(parts[0]), (1...31).contains(day), parts[2].count == 4, let year = Int(parts[2]),
              let month = months.firstIndex(of: parts[1].prefix(3).lowercased()), parts[3].count == 5, parts[3].dropFirst(2).first == ":",
              let hour = Int(parts[3].prefix(2)), let minute = Int(parts[3].suffix(2)) else { return nil }
        return String(format: "%04d-%02d-%02d %02d:%02d", year, month + 1, day, hour, minute)
    }
}
