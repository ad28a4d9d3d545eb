import Core
import Foundation
import GRDB
import Store

/// How a listener's plays are grouped: by calendar month or year, or by weekday or hour of the day (all in UTC,
/// as the exports give them).
public enum ListeningGrouping: String, CaseIterable, Sendable, Codable {
    case month, year, weekday, hour

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// The period of an ISO-8601 UTC instant: "2024-03", "2024", "Mon", "07".
    func period(of playedAt: String) -> String {
        switch self {
        case .month: return String(playedAt.prefix(7))
        case .year: return String(playedAt.prefix(4))
        case .hour: return String(playedAt.dropFirst(11).prefix(2))
        case .weekday: return Self.weekdayAndHour(of: playedAt).map { Self.weekdays[$0.weekday] } ?? "?"
        }
    }

    /// Monday-first weekday index and hour of an instant.
    static func weekdayAndHour(of playedAt: String) -> (weekday: Int, hour: Int)? {
        guard let date = PlayWeight.instant(playedAt) else { return nil }
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        // 1970-01-01 was a Thursday (index 3 from Monday).
        return (((days + 3) % 7 + 7) % 7, ((seconds % 86_400) + 86_400) % 86_400 / 3600)
    }

    /// Periods in reading order: months and years by time, weekdays Monday first, hours 00-23.
    func sortKey(_ period: String) -> String {
        self == .weekday ? String(Self.weekdays.firstIndex(of: period) ?? 9) : period
    }

    /// The grouping a `--compare` label belongs to: "2024-03" a month, "2024" a year, "Mon" a weekday, "7" an hour.
    public static func inferred(from label: String) -> ListeningGrouping? {
        if label.wholeMatch(of: /\d{4}-\d{2}/) != nil { return .month }
        if label.wholeMatch(of: /\d{4}/) != nil { return .year }
        if weekday(label) != nil { return .weekday }
        if let hour = Int(label), (0...23).contains(hour) { return .hour }
        return nil
    }

    static func weekday(_ label: String) -> String? {
        weekdays.first { label.lowercased().hasPrefix($0.lowercased()) && label.count >= 3 }
    }

    /// A label as the periods spell it ("monday" → "Mon", "7" → "07").
    func normalized(_ label: String) -> String {
        switch self {
        case .weekday: return Self.weekday(label) ?? label
        case .hour: return Int(label).map { String(format: "%02d", $0) } ?? label
        default: return label
        }
    }
}

/// A name and how often it was played.
public struct PlayCount: Sendable, Equatable, Codable {
    public var name: String
    public var plays: Int
}

/// One period of a listener's plays.
public struct ListeningPeriod: Sendable, Equatable, Codable {
    public var period: String
    public var plays = 0
    public var minutes = 0.0
    /// Plays that were skips (`PlayWeight.isSkip`).
    public var skips = 0
    public var artists = 0
    /// Artists played for the first time ever in this period (for weekday and hour: at that weekday or hour).
    public var newArtists = 0
    /// Plays whose track has audio features: what the mood stands on.
    public var playsWithAudio = 0
    public var valence: Double?
    public var energy: Double?
    public var topArtists: [PlayCount] = []
    public var topGenres: [PlayCount] = []

    /// The share of the period's artists that were new: discovery.
    public var discovery: Double { artists == 0 ? 0 : Double(newArtists) / Double(artists) }
    /// The share of plays the mood stands on.
    public var audioCoverage: Double { plays == 0 ? 0 : Double(playsWithAudio) / Double(plays) }
}

/// A listener's listening, by period: the answer `jukebox trends --listener` prints and the Listening page draws.
public struct ListeningReport: Sendable, Equatable, Codable {
    public var listener: String
    public var grouping: ListeningGrouping
    public var periods: [ListeningPeriod]
    /// Minutes by weekday (Monday first) and hour: the heatmap.
    public var minutesByWeekdayHour: [[Double]]
    public var topArtists: [PlayCount]
    /// Tracks as "artist - title", by plays.
    public var topTracks: [PlayCount]
    public var plays: Int
    public var minutes: Double
}

/// What a listener played, measured: plays, minutes, skips, artists, discovery, mood where tracks have audio, top
/// artists and genres per period; two periods compared. Artists are as the export names them, so plays of tracks
/// the warehouse lacks count too; genres and mood come from the tracks the warehouse holds.
public enum Listening {
    /// How many names each period's top lists keep, and the whole history's.
    public static let top = 5
    public static let overallTop = 10

    static func report(_ listener: String, by grouping: ListeningGrouping, in db: Database) throws -> ListeningReport {
        let name = try ListenerTaste.listenerName(listener, in: db)
        var periods: [String: ListeningPeriod] = [:]
        var periodArtists: [String: [String: Int]] = [:]
        var periodGenres: [String: [String: Int]] = [:]
        var valence: [String: Double] = [:], energy: [String: Double] = [:]
        var heat = Array(repeating: Array(repeating: 0.0, count: 24), count: 7)
        var seenArtists = Set<String>()
        var spelling: [String: String] = [:]
        var foldedArtist: [String: String] = [:], foldedSong: [String: String] = [:]
        var artists: [String: Int] = [:], tracks: [String: Int] = [:]
        var genresOf: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT DISTINCT l.track_id, g.name FROM listens l JOIN track_genres tg ON tg.track_id = l.track_id JOIN genres g USING (genre_id)
            WHERE l.listener = ?
            """, arguments: [name]) { genresOf[row[0], default: []].append(row[1]) }
        var total = 0, minutes = 0.0
        let rows = try Row.fetchCursor(db, sql: """
            SELECT l.played_at, l.ms_played, l.skipped, l.reason_end, l.artist_name, l.track_name, l.track_id, af.valence, af.energy
            FROM v_listens l LEFT JOIN audio_features af ON af.track_id = l.track_id
            WHERE l.listener = ? ORDER BY l.played_at, l.listen_id
            """, arguments: [name])
        while let row = try rows.next() {
            let playedAt: String = row[0], ms: Int = row[1]
            let key = grouping.period(of: playedAt)
            var period = periods[key] ?? ListeningPeriod(period: key)
            period.plays += 1
            period.minutes += Double(ms) / 60_000
            if PlayWeight.isSkip(msPlayed: ms, skipped: row[2], reasonEnd: row[3]) { period.skips += 1 }
            if let exported: String = row[4], !exported.isEmpty {
                // One artist however the exports spell it ("GEN HOSHINO", "Gen Hoshino"): the first spelling names it.
                // Folding is slow: once per spelling.
                let folded = foldedArtist[exported] ?? SameSong.artist(exported)
                foldedArtist[exported] = folded
                let artist = spelling[folded] ?? exported
                spelling[folded] = artist
                if seenArtists.insert(artist).inserted { period.newArtists += 1 }
                periodArtists[key, default: [:]][artist, default: 0] += 1
                artists[artist, default: 0] += 1
            }
            let title: String = row[5]
            if !title.isEmpty {
                // One song however the exports spell it (SameSong), named by its first spelling.
                let exported: String? = row[4]
                let raw = title + "\u{1F}" + (exported ?? "")
                let folded = foldedSong[raw] ?? "\u{1E}" + SameSong.key(title: title, leadArtist: exported ?? "")
                foldedSong[raw] = folded
                let label = spelling[folded] ?? ((exported.map { (spelling[SameSong.artist($0)] ?? $0) + " - " } ?? "") + title)
                spelling[folded] = label
                tracks[label, default: 0] += 1
            }
            if let v: Double = row[7], let e: Double = row[8] {
                period.playsWithAudio += 1
                valence[key, default: 0] += v
                energy[key, default: 0] += e
            }
            if let track: String = row[6] { for genre in genresOf[track] ?? [] { periodGenres[key, default: [:]][genre, default: 0] += 1 } }
            if let (d, h) = ListeningGrouping.weekdayAndHour(of: playedAt) { heat[d][h] += Double(ms) / 60_000 }
            total += 1
            minutes += Double(ms) / 60_000
            periods[key] = period
        }
        let ordered = periods.values.map { period -> ListeningPeriod in
            var period = period
            period.artists = periodArtists[period.period]?.count ?? 0
            period.topArtists = Self.ranked(periodArtists[period.period] ?? [:])
            period.topGenres = Self.ranked(periodGenres[period.period] ?? [:])
            if period.playsWithAudio > 0 {
                period.valence = valence[period.period]! / Double(period.playsWithAudio)
                period.energy = energy[period.period]! / Double(period.playsWithAudio)
            }
            return period
        }.sorted { grouping.sortKey($0.period) < grouping.sortKey($1.period) }
        return ListeningReport(listener: name, grouping: grouping, periods: ordered, minutesByWeekdayHour: heat,
                               topArtists: ranked(artists, overallTop), topTracks: ranked(tracks, overallTop), plays: total, minutes: minutes)
    }

    /// Two periods of one grouping, side by side; throws naming the periods there are when one has no plays.
    static func compare(_ listener: String, _ a: String, _ b: String, by grouping: ListeningGrouping,
                        in db: Database) throws -> (a: ListeningPeriod, b: ListeningPeriod) {
        let report = try report(listener, by: grouping, in: db)
        func find(_ label: String) throws -> ListeningPeriod {
            let wanted = grouping.normalized(label)
            guard let period = report.periods.first(where: { $0.period == wanted }) else {
                throw AnalyticsError.notAnswerable("\(report.listener) has no plays in the \(grouping.rawValue) '\(label)'; "
                    + "there are plays in " + report.periods.map(\.period).joined(separator: ", "))
            }
            return period
        }
        return (try find(a), try find(b))
    }

    static func ranked(_ counts: [String: Int], _ limit: Int = top) -> [PlayCount] {
        counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit).map { PlayCount(name: $0.key, plays: $0.value) }
    }
}
