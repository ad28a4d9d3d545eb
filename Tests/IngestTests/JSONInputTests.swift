import Core
import Foundation
import GRDB
import Testing
@testable import Ingest
@_spi(WarehouseSQL) import Store

/// What the JSON readers (listening histories, playlist slices) do with input they must not take as it stands.
struct JSONInputTests {
    private func history(_ entries: [String], name: String = "Streaming_History_Audio_2023.json") throws -> String {
        try temporaryCSV("[\n" + entries.joined(separator: ",\n") + "\n]\n", name: name)
    }

    private func play(ts: String = "2023-03-01T07:19:01Z", ms: String = "1000", track: String = "\"Comedy\"") -> String {
        "{\"ts\": \"\(ts)\", \"ms_played\": \(ms), \"master_metadata_track_name\": \(track), \"master_metadata_album_artist_name\": \"Gen Hoshino\"}"
    }

    private func rejects(_ warehouse: Warehouse) throws -> [String] {
        try warehouse.pool.read { try RejectEntry.fetch($0) }.map { "line \($0.lineNumber): \($0.reason)" }
    }

    /// Each impossible time or duration is a reject with its reason; the plausible plays load.
    @Test func impossibleTimesAndDurationsAreRejectsWithTheirReasons() throws {
        let warehouse = try temporaryWarehouse()
        let path = try history([
            play(), play(ts: "2023-99-99T99:99:99Z"), play(ts: "0000-00-00T00:00:00Z"), play(ts: "2023-02-30T10:00:00Z"),
            play(ts: "9999-12-31T00:00:00Z"), play(ts: "2023-02-30"), play(ts: "2005-12-31T23:59:59Z"), play(ts: "2024-02-29T23:59:59Z"),
            play(ms: "9223372036854775807"), play(ms: "86400001"), play(ms: "-1"), play(ms: "86400000"),
            "{\"endTime\": \"2023-13-45 25:61\", \"artistName\": \"A\", \"trackName\": \"T\", \"msPlayed\": 1}",
            "{\"endTime\": \"2023-12-31 23:59\", \"artistName\": \"A\", \"trackName\": \"T\", \"msPlayed\": 1}",
        ])
        let report = try Ingester(warehouse: warehouse).ingest(path: path)
        #expect(report.listens == 4 && report.rowsRejected == 10)
        #expect(try rejects(warehouse) == [
            "line 3: ts '2023-99-99T99:99:99Z' is not a real date: month 99",
            "line 4: ts '0000-00-00T00:00:00Z' is not a real date: month 0",
            "line 5: ts '2023-02-30T10:00:00Z' is not a real date: day 30 of a month of 28 days",
            "line 6: ts '9999-12-31T00:00:00Z' is more than a day in the future",
            "line 7: ts '2023-02-30' is not YYYY-MM-DDTHH:MM:SSZ",
            "line 8: ts '2005-12-31T23:59:59Z' is before 2006, when Spotify began",
            "line 10: ms_played 9223372036854775807 is more than a day (86400000 ms)",
            "line 11: ms_played 86400001 is more than a day (86400000 ms)",
            "line 12: ms_played -1 is negative",
            "line 14: endTime '2023-13-45 25:61' is not a real date: month 13",
        ])
        #expect(try warehouse.pool.read { try String.fetchAll($0, sql: "SELECT played_at FROM listens ORDER BY played_at") }
                == ["2023-03-01T07:19:01Z", "2023-03-01T07:19:01Z", "2023-12-31T23:59:00Z", "2024-02-29T23:59:59Z"])
    }

    /// The bounds against a fixed clock: a day of drift is allowed, more is not; 2000 was a leap year, 1900 not.
    @Test func aPlayTimeIsARealInstantFrom2006ToADayAhead() {
        let now = Date(timeIntervalSince1970: 1_700_000_000) // 2023-11-14T22:13:20Z
        func check(_ text: String) -> String? {
            if case let .failure(problem) = PlayBounds.playedAt(text, shape: .second, field: "ts", now: now) { return problem.reason }
            return nil
        }
        #expect(check("2023-11-15T22:13:20Z") == nil)
        #expect(check("2023-11-15T22:13:21Z") == "ts '2023-11-15T22:13:21Z' is more than a day in the future")
        #expect(check("2006-01-01T00:00:00Z") == nil)
        #expect(check("2023-11-14T24:00:00Z") == "ts '2023-11-14T24:00:00Z' is not a real time of day")
        #expect(CivilCalendar.daysIn(month: 2, year: 2000) == 29 && CivilCalendar.daysIn(month: 2, year: 1900) == 28)
        #expect(CivilCalendar.daysSinceEpoch(year: 2023, month: 11, day: 14) * 86_400 + 22 * 3600 + 13 * 60 + 20 == 1_700_000_000)
        #expect(PlayBounds.playedAt("2023-05-01 12:34", shape: .minute, field: "endTime", now: now) == .success("2023-05-01T12:34:00Z"))
    }

    /// A NUL inside a JSON string would be cut there by SQLite's text binding: the entry is a reject, in a history
    /// and in a playlist slice, and nothing is stored cut.
    @Test func aNULInsideAJSONStringMakesItsEntryAReject() throws {
        let warehouse = try temporaryWarehouse()
        let report = try Ingester(warehouse: warehouse).ingest(path: try history([play(track: "\"Com\\u0000edy\""), play(ts: "2023-03-02T07:19:01Z")]))
        #expect(report.listens == 1 && report.rowsRejected == 1)
        #expect(try rejects(warehouse) == ["line 2: master_metadata_track_name holds a NUL character (\\u0000)"])
        let slice = try temporaryCSV("""
            {"playlists": [{"pid": 1, "name": "P", "tracks": [
              {"pos": 0, "track_uri": "spotify:track:7lmeHLHBe4nmXzuXc0HDjk", "track_name": "Bul\\u0000ls", "artist_name": "RATM"},
              {"pos": 1, "track_uri": "spotify:track:5SuOikwiRyPMVoIQDJUgSV", "track_name": "Comedy", "artist_name": "Gen Hoshino"}]}]}
            """, name: "mpd.slice.0-0.json")
        let loaded = try Ingester(warehouse: warehouse).ingest(path: slice)
        #expect(loaded.rowsRejected == 1 && loaded.tracksNew == 1)
        #expect(try rejects(warehouse).last == "line 2: track_name holds a NUL character (\\u0000)")
        #expect(try warehouse.count("SELECT count(*) FROM tracks WHERE instr(name, 'Bul') > 0") == 0)
    }

    /// A text field over the field limit makes its entry a reject that keeps a short excerpt, in a history and in
    /// a playlist slice; a playlist name over it makes each of its entries one.
    @Test func aJSONFieldOverTheLimitIsARejectWithAnExcerpt() throws {
        let warehouse = try temporaryWarehouse()
        let long = String(repeating: "y", count: (1 << 20) + 1)
        let report = try Ingester(warehouse: warehouse).ingest(path: try history([play(track: "\"\(long)\""), play(ts: "2023-03-02T07:19:01Z")]))
        #expect(report.listens == 1 && report.rowsRejected == 1)
        let reject = try #require(try warehouse.pool.read { try RejectEntry.fetch($0) }.first)
        #expect(reject.reason == "master_metadata_track_name is longer than 1 MiB ('" + String(repeating: "y", count: 200) + "…')")
        #expect(reject.rawLine.count < 400)
        let slice = try temporaryCSV("""
            {"playlists": [{"pid": 1, "name": "P", "tracks": [
              {"pos": 0, "track_uri": "spotify:track:7lmeHLHBe4nmXzuXc0HDjk", "track_name": "\(long)", "artist_name": "RATM"}]},
              {"pid": 2, "name": "\(long)", "tracks": [
              {"pos": 0, "track_uri": "spotify:track:5SuOikwiRyPMVoIQDJUgSV", "track_name": "Comedy", "artist_name": "Gen Hoshino"}]}]}
            """, name: "mpd.slice.0-1.json")
        let loaded = try Ingester(warehouse: warehouse).ingest(path: slice)
        #expect(loaded.rowsRejected == 2 && loaded.tracksNew == 0 && loaded.playlists == 1)
        let reasons = try warehouse.pool.read { try RejectEntry.fetch($0, ingestID: loaded.ingestID) }.map(\.reason)
        #expect(reasons.map { $0.prefix(40) } == ["track_name is longer than 1 MiB ('yyyyyy", "playlist name is longer than 1 MiB ('yyy"])
        #expect(try warehouse.count("SELECT max(length(raw_line)) FROM rejects") < 400)
        #expect(try warehouse.count("SELECT max(length(name)) FROM playlists") == 1)
    }

    /// A JSON file over the file limit is refused before it is read, in a message naming the limit.
    @Test func aJSONFileOverTheLimitIsRefusedNamingTheLimit() throws {
        let warehouse = try temporaryWarehouse()
        var options = IngestOptions()
        options.limits.maxJSONBytes = 512
        for path in [accountHistory, repositoryData.appendingPathComponent("samples/mpd/mpd.slice.0-2.json").path] {
            #expect {
                try Ingester(warehouse: warehouse).ingest(path: path, options: options)
            } throws: { error in
                (error as? IngestError)?.errorDescription?.hasSuffix("bytes, over the limit of 512 bytes for one JSON file; nothing was loaded") == true
            }
        }
        #expect(try warehouse.count("SELECT count(*) FROM ingests") == 0)
    }

    /// Deep nesting, broken syntax and a wrong shape are said in words with their place, by one function for histories
    /// and slices; a number out of range in a field is that entry's reject.
    @Test func whatIsWrongWithAJSONFileIsSaidWithItsPlace() throws {
        let warehouse = try temporaryWarehouse()
        func refusal(_ text: String, name: String) -> String {
            do {
                _ = try Ingester(warehouse: warehouse).ingest(path: try temporaryCSV(text, name: name))
                return "loaded"
            } catch { return (error as? LocalizedError)?.errorDescription ?? "\(error)" }
        }
        let deep = refusal(String(repeating: "[", count: 600) + String(repeating: "]", count: 600), name: "Streaming_History_Audio_0.json")
        #expect(deep.contains(": too deeply nested: more than 512 levels of arrays and objects at line 1, column 513; nothing was loaded"))
        let broken = refusal("[\n  {\"endTime\": \"2023-01-01 10:00\",\n   \"msPlayed\": 12 34}]", name: "StreamingHistory0.json")
        #expect(broken.contains("unexpected '3' where ',' or '}' belongs at line 3, column 19"))
        let shape = refusal("{\"playlists\": 7}", name: "mpd.slice.json")
        #expect(shape.hasSuffix("at playlists: Expected to decode Array<Any> but found number instead."))
        #expect(try warehouse.count("SELECT count(*) FROM ingests") == 0)
        // A number no field can hold is its entry's reject (the slice reads its fields leniently), not the file's.
        #expect(refusal("{\"playlists\": [\n  {\"pid\": 1e300, \"name\": \"P\", \"tracks\": []}]}", name: "mpd.slice.json") == "loaded")
        #expect(refusal("{\"playlists\": [{\"pid\": 1, \"name\": \"P\", \"tracks\": [\n{\"pos\": -1e999}]}]}", name: "mpd.slice.json") == "loaded")
        #expect(try warehouse.count("SELECT count(*) FROM rejects WHERE line_number = 2 AND (reason LIKE '%pid 1e+300 is not a whole number%' OR reason LIKE 'pos is not a number%')") == 2)
    }

    @Test func theDiagnosisFindsEachKindOfProblem() {
        func problem(_ text: String) -> String? { JSONDiagnosis.problem(in: Data(text.utf8)) }
        #expect(problem("[1, 2.5e3, {\"a\": [true, false, null, \"\\u00e9\"]},]") == nil)
        #expect(problem("[\"abc") == "a string that is not closed at line 1, column 2")
        #expect(problem("[\"a\u{01}\"]") == "a control character (0x01) inside a string at line 1, column 4")
        #expect(problem("[1] x") == "text after the end of the JSON value at line 1, column 5")
        #expect(problem("[\"\\q\"]") == "a bad escape at line 1, column 3")
        #expect(problem("[1,\n 2") == "the text ends early (an array or object is not closed) at line 2, column 3")
        #expect(problem("[-]") == "a malformed number at line 1, column 2")
        #expect(problem("[9223372036854775808]") == "a number out of range for a whole number: 9223372036854775808 at line 1, column 2")
    }
}
