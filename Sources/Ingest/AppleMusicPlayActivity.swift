import Foundation

/// `Apple Music Play Activity.csv` from Apple's privacy download (Apple Media Services > Apple Music Activity): one
/// row per event, read by header name. A play is a `PLAY_END` event (or a row with no event type): `Song Name`,
/// `Album Name`, `Artist Name` when the export has it (many do not: such plays are kept and matched by title only
/// when a later step can), `Event End Timestamp` (UTC, when the play ended), `Play Duration Milliseconds` (measured)
/// and `End Reason Type` (`TRACK_SKIPPED_FORWARDS` is a skip). Other events (`PLAY_START`, `LYRIC_DISPLAY`, ...) are
/// skipped by rule. Never read: the client IP address, device, city and the other account columns.
struct AppleMusicPlayActivity {
    private let song: Int?
    private let album: Int?
    private let artist: Int?
    private let end: Int?
    private let start: Int?
    private let duration: Int?
    private let endReason: Int?
    private let eventType: Int?

    init(header: [String]) {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        song = names.firstIndex(of: "song name"); album = names.firstIndex(of: "album name")
        artist = names.firstIndex(of: "artist name"); end = names.firstIndex(of: "event end timestamp")
        start = names.firstIndex(of: "event start timestamp"); duration = names.firstIndex(of: "play duration milliseconds")
        endReason = names.firstIndex(of: "end reason type"); eventType = names.firstIndex(of: "event type")
    }

    /// A reject's raw line: the columns read, as JSON (never the IP address, device or the other columns).
    func rawLine(_ fields: [String]) -> String {
        let read: [(String, Int?)] = [("Song Name", song), ("Album Name", album), ("Artist Name", artist), ("Event End Timestamp", end),
                                      ("Event Start Timestamp", start), ("Play Duration Milliseconds", duration),
                                      ("End Reason Type", endReason), ("Event Type", eventType)]
        var object: [String: String] = [:]
        for (name, index) in read { if let index, index < fields.count { object[name] = fields[index] } }
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The row's play; nil for an event that is not a play's end (skipped by rule).
    func record(_ fields: [String], listener: String, now: Date = Date()) -> HistoryRecord? {
        func field(_ index: Int?) -> String? {
            guard let index, index < fields.count else { return nil }
            let value = fields[index].trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        if let type = field(eventType), type != "PLAY_END" { return nil }
        var problems: [String] = []
        var playedAt: String?
        if let text = field(end) ?? field(start) {
            // 2021-05-01T12:34:56.789Z: the fraction of a second is dropped.
            let whole = text.count > 20 && text.hasSuffix("Z") ? String(text.prefix(19)) + "Z" : text
            switch PlayBounds.playedAt(whole, shape: .second, field: "Event End Timestamp", source: .appleMusic, now: now) {
            case let .success(at): playedAt = at
            case let .failure(problem): problems.append(problem.reason)
            }
        } else {
            problems.append("missing Event End Timestamp")
        }
        var ms = 0
        if let text = field(duration) {
            if let value = Int(text) {
                ms = value
                if let problem = PlayBounds.durationProblem(value, field: "Play Duration Milliseconds") { problems.append(problem) }
            } else {
                problems.append("Play Duration Milliseconds '\(text.prefix(40))' is not a whole number")
            }
        } else {
            problems.append("missing Play Duration Milliseconds")
        }
        guard let title = field(song) else { return .rejected(reason: (problems + ["missing Song Name"]).joined(separator: "; ")) }
        guard problems.isEmpty, let playedAt else { return .rejected(reason: problems.joined(separator: "; ")) }
        let reason = field(endReason)
        return .listen(Listen(listener: listener, playedAt: playedAt, msPlayed: ms, artistName: field(artist), trackName: title,
                              albumName: field(album), reasonEnd: reason,
                              skipped: reason.map { $0.hasPrefix("TRACK_SKIPPED") }, source: .appleMusic))
    }
}
