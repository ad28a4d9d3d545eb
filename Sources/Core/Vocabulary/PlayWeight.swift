import Foundation

/// How much one play of a listening history says about a listener's taste: the one rule `recommend --listener`,
/// `recommend --history` (Spotify exports) and the trends share.
///
/// A play counts the minutes listened (at most 10, so one long mix does not drown the rest); a skip counts one
/// minute against (a skip is `skipped`, `reason_end = 'fwdbtn'`, or a play under 30 seconds). Either is
/// multiplied by a recency decay with a half-life of 90 days, measured back from the listener's latest play (not
/// from today, so an old export is not all forgotten): a play 90 days before the latest weighs half, 180 days a
/// quarter.
public enum PlayWeight {
    public static let halfLifeDays = 90.0
    public static let skipUnderMilliseconds = 30_000
    static let cappedMinutes = 10.0

    public static func isSkip(msPlayed: Int, skipped: Bool?, reasonEnd: String?) -> Bool {
        skipped == true || reasonEnd == "fwdbtn" || msPlayed < skipUnderMilliseconds
    }

    /// 0.5^(days before the latest play / half-life); 1 for a play at or after the latest.
    public static func decay(playedAt: String, latest: String) -> Double {
        decay(playedAt: playedAt, latest: instant(latest))
    }

    static func decay(playedAt: String, latest: Date?) -> Double {
        guard let at = instant(playedAt), let latest else { return 1 }
        let days = max(0, latest.timeIntervalSince(at) / 86_400)
        return pow(0.5, days / halfLifeDays)
    }

    /// The play's signed weight: decayed minutes listened, or minus one decayed minute for a skip.
    public static func weight(msPlayed: Int, skipped: Bool?, reasonEnd: String?, playedAt: String, latest: String) -> Double {
        weight(msPlayed: msPlayed, skipped: skipped, reasonEnd: reasonEnd, playedAt: playedAt, latest: instant(latest))
    }

    /// The same with the latest play read once (a history's plays all share it).
    public static func weight(msPlayed: Int, skipped: Bool?, reasonEnd: String?, playedAt: String, latest: Date?) -> Double {
        let decay = decay(playedAt: playedAt, latest: latest)
        if isSkip(msPlayed: msPlayed, skipped: skipped, reasonEnd: reasonEnd) { return -decay }
        return decay * min(Double(msPlayed) / 60_000, cappedMinutes)
    }

    /// `2023-05-01T12:34:56Z` (how `listens.played_at` is stored), as a date; nil for anything else.
    public static func instant(_ text: String) -> Date? {
        // YYYY-MM-DDTHH:MM:SSZ read byte by byte: histories run to 100,000s of plays.
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A, bytes[16] == 0x3A,
              bytes[19] == 0x5A else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range { guard (0x30...0x39).contains(bytes[i]) else { return nil }; value = value * 10 + Int(bytes[i] - 0x30) }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19) else { return nil }
        let parts = [year, month, day, hour, minute, second]
        guard (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        let days = CivilCalendar.daysSinceEpoch(year: parts[0], month: parts[1], day: parts[2])
        return Date(timeIntervalSince1970: Double(days * 86_400 + parts[3] * 3600 + parts[4] * 60 + parts[5]))
    }
}
