import Core
import Foundation

/// What a play in a listening history can really be: it ended at a real calendar instant (UTC), not before 2006
/// (Spotify's start) and not more than a day after now (clocks drift), and it lasted 0 ms to a day. One impossible
/// date would otherwise show as month 2023-99 in trends, or anchor the recency decay in year 9999. Every history
/// reader checks plays here. Other sources begin earlier than 2006 (`HistorySource.earliest`).
enum PlayBounds {
    static let maxMsPlayed = 86_400_000
    static let futureSlack: TimeInterval = 86_400

    /// The shapes an export writes: `2023-05-01T12:34:56Z` (extended history) and `2023-05-01 12:34` (account data).
    enum Shape: String {
        case second = "dddd-dd-ddTdd:dd:ddZ"
        case minute = "dddd-dd-dd dd:dd"

        var written: String { self == .second ? "YYYY-MM-DDTHH:MM:SSZ" : "YYYY-MM-DD HH:MM" }
    }

    /// The instant as `YYYY-MM-DDTHH:MM:SSZ`, or why `field`'s text is none.
    static func playedAt(_ text: String, shape: Shape, field: String, source: HistorySource = .spotifyExtended,
                         now: Date = Date()) -> Result<String, Problem> {
        let bytes = Array(text.utf8), pattern = Array(shape.rawValue.utf8)
        let quoted = "\(field) '\(text.prefix(40))'"
        guard bytes.count == pattern.count,
              zip(bytes, pattern).allSatisfy({ b, p in p == UInt8(ascii: "d") ? (0x30...0x39).contains(b) : b == p }) else {
            return .failure(Problem("\(quoted) is not \(shape.written)"))
        }
        func number(_ from: Int, _ count: Int) -> Int { bytes[from..<from + count].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let year = number(0, 4), month = number(5, 2), day = number(8, 2), hour = number(11, 2), minute = number(14, 2)
        let second = shape == .second ? number(17, 2) : 0
        guard (1...12).contains(month) else { return .failure(Problem("\(quoted) is not a real date: month \(month)")) }
        let days = CivilCalendar.daysIn(month: month, year: year)
        guard (1...days).contains(day) else {
            return .failure(Problem("\(quoted) is not a real date: day \(day) of a month of \(days) days"))
        }
        guard hour < 24, minute < 60, second < 60 else { return .failure(Problem("\(quoted) is not a real time of day")) }
        guard year >= source.earliest.year else {
            return .failure(Problem("\(quoted) is before \(source.earliest.year), \(source.earliest.why)"))
        }
        let instant = TimeInterval(CivilCalendar.daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second)
        guard instant <= now.timeIntervalSince1970 + futureSlack else {
            return .failure(Problem("\(quoted) is more than a day in the future"))
        }
        let fixed = shape == .second ? text : text.replacingOccurrences(of: " ", with: "T") + ":00Z"
        return .success(fixed)
    }

    /// A Unix time in seconds (Last.fm's `uts`, ListenBrainz's `listened_at`, Maloja's `time`) as
    /// `YYYY-MM-DDTHH:MM:SSZ`, under the same bounds.
    static func playedAt(unixSeconds: Int, field: String, source: HistorySource, now: Date = Date()) -> Result<String, Problem> {
        guard unixSeconds >= 0, unixSeconds <= Int(now.timeIntervalSince1970 + futureSlack) else {
            return .failure(Problem("\(field) \(unixSeconds) is " + (unixSeconds < 0 ? "before 1970" : "more than a day in the future")))
        }
        var time = time_t(unixSeconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let text = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                          Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        return playedAt(text, shape: .second, field: field, source: source, now: now)
    }

    /// Why a play's `ms` milliseconds cannot be, or nil.
    static func durationProblem(_ ms: Int, field: String) -> String? {
        if ms < 0 { return "\(field) \(ms) is negative" }
        if ms > maxMsPlayed { return "\(field) \(ms) is more than a day (\(maxMsPlayed) ms)" }
        return nil
    }

    struct Problem: Error, Equatable {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
