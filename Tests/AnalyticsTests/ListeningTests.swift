import Foundation
import GRDB
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

/// Four plays by hand: Solo Star (indie, valence 0.2) in January and February 2024 (once spelled in capitals),
/// a skipped Skippy track (valence 0.8) in January, a track the warehouse lacks by a new artist in February.
private func listeningWarehouse() throws -> Warehouse {
    let warehouse = try QueryFixtures.warehouse([
        QueryFixtures.Track(id: "s1", name: "One", artists: ["Solo Star"], genres: ["indie"], energy: 0.4, valence: 0.2),
        QueryFixtures.Track(id: "k1", name: "Skip Me", artists: ["Skippy"], energy: 0.8, valence: 0.8),
    ])
    let plays: [(String, Int, String?, String, String, Bool?)] = [
        ("2024-01-15T10:00:00Z", 200_000, "s1", "Solo Star", "One", false),      // a Monday
        ("2024-01-20T22:00:00Z", 10_000, "k1", "Skippy", "Skip Me", true),        // a Saturday
        ("2024-02-05T10:30:00Z", 120_000, nil, "Newbie", "Local", nil),           // a Monday
        ("2024-02-06T10:00:00Z", 60_000, "s1", "SOLO STAR", "One", nil),          // a Tuesday
    ]
    try warehouse.pool.write { db in
        for (at, ms, track, artist, title, skipped) in plays {
            try db.execute(sql: """
                INSERT INTO listens (listener, played_at, ms_played, song_key, track_id, artist_name, track_name, skipped, ingest_id)
                VALUES ('me', ?, ?, ?, ?, ?, ?, ?, 1)
                """, arguments: [at, ms, "song:" + title, track, artist, title, skipped])
        }
    }
    return warehouse
}

struct ListeningTests {
    @Test func monthsCountPlaysMinutesSkipsArtistsDiscoveryAndMood() throws {
        let report = try listeningWarehouse().pool.read { try Listening.report("me", by: .month, in: $0) }
        #expect(report.periods.map(\.period) == ["2024-01", "2024-02"])
        let (january, february) = (report.periods[0], report.periods[1])
        #expect(january.plays == 2 && january.skips == 1 && abs(january.minutes - 3.5) < 1e-9)
        #expect(january.artists == 2 && january.newArtists == 2 && january.discovery == 1)
        #expect(abs(january.valence! - 0.5) < 1e-9 && abs(january.energy! - 0.6) < 1e-9 && january.audioCoverage == 1)
        #expect(january.topGenres == [PlayCount(name: "indie", plays: 1)])
        // Solo Star again (in capitals: the same artist), Newbie new: half the artists are new.
        #expect(february.artists == 2 && february.newArtists == 1 && february.discovery == 0.5)
        #expect(february.topArtists == [PlayCount(name: "Newbie", plays: 1), PlayCount(name: "Solo Star", plays: 1)])
        #expect(abs(february.valence! - 0.2) < 1e-9 && february.audioCoverage == 0.5)
        #expect(report.plays == 4 && report.topArtists.first == PlayCount(name: "Solo Star", plays: 2))
    }

    @Test func weekdaysAndHoursAndTheHeatmap() throws {
        let w = try listeningWarehouse()
        let weekdays = try w.pool.read { try Listening.report("me", by: .weekday, in: $0) }
        #expect(weekdays.periods.map(\.period) == ["Mon", "Tue", "Sat"])
        #expect(weekdays.periods[0].plays == 2)
        #expect(abs(weekdays.minutesByWeekdayHour[0][10] - (200_000.0 + 120_000) / 60_000) < 1e-9)
        #expect(weekdays.minutesByWeekdayHour[5][22] > 0 && weekdays.minutesByWeekdayHour[6].allSatisfy { $0 == 0 })
        let hours = try w.pool.read { try Listening.report("me", by: .hour, in: $0) }
        #expect(hours.periods.map(\.period) == ["10", "22"])
    }

    @Test func comparesTwoPeriodsAndNamesThePeriodsThereAre() throws {
        let w = try listeningWarehouse()
        let (a, b) = try w.pool.read { try Listening.compare("me", "2024-01", "2024-02", by: .month, in: $0) }
        #expect(a.plays == 2 && b.newArtists == 1)
        let (mon, tue) = try w.pool.read { try Listening.compare("me", "monday", "Tue", by: .weekday, in: $0) }
        #expect(mon.period == "Mon" && tue.plays == 1)
        #expect(throws: AnalyticsError.notAnswerable("me has no plays in the month '2023-12'; there are plays in 2024-01, 2024-02")) {
            try w.pool.read { try Listening.compare("me", "2023-12", "2024-01", by: .month, in: $0) }
        }
        #expect(ListeningGrouping.inferred(from: "2024") == .year && ListeningGrouping.inferred(from: "7") == .hour
                && ListeningGrouping.inferred(from: "pop") == nil)
    }
}
