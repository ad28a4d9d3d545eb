import Foundation
import Testing

/// `jukebox ingest` of hostile Million Playlist Dataset slices: a bad value is a reject for its entry (or its
/// playlist), with its line and reason, and the rest of the slice loads.
struct PlaylistSliceCLITests {
    /// An entry of the slice's one-line form, at `pos`, for track `id`.
    private func entry(pos: String, id: String, name: String, duration: String = "200000") -> String {
        """
        {"pos": \(pos), "track_uri": "spotify:track:\(id)", "track_name": "\(name)", "artist_name": "Band", \
        "artist_uri": "spotify:artist:2d0hyoQ5ynDBnkvAbJKORj", "album_uri": "spotify:album:2eia0myWFgoHuttJytCxgX", \
        "album_name": "Album", "duration_ms": \(duration)}
        """
    }

    private func ingest(_ slice: String) throws -> (db: String, report: [String: Any]) {
        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("mpd.slice.0-9.json")
        try Data(slice.utf8).write(to: file)
        let db = folder.appendingPathComponent("w.sqlite").path
        let result = try jukebox(["ingest", "--db", db, "--format", "json", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        return (db, try #require(reports.first))
    }

    private func rejects(_ db: String) throws -> [String] {
        let result = try jukebox(["sql", "--db", db, "--format", "csv", "SELECT line_number || ': ' || reason FROM rejects ORDER BY reject_id"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").dropFirst().map { String($0).replacingOccurrences(of: "\"", with: "") }
    }

    /// Issue 25, finding 5: `"pos": 9223372036854775807` crashed the process (overflow adding 1, exit 132), and a
    /// negative `pos` failed the whole file with SQLite's CHECK error.
    @Test func aPosOfInt64MaxOrNegativeRejectsItsEntryAndTheRestLoads() throws {
        let slice = """
            {"info": {"slice": "0-9"}, "playlists": [
            {"pid": 3, "name": "Odd positions", "num_tracks": 9223372036854775807, "tracks": [
            \(entry(pos: "0", id: "7lmeHLHBe4nmXzuXc0HDjk", name: "Kept first")),
            \(entry(pos: "9223372036854775807", id: "1wsRitfRRtWyEapl0q22o8", name: "Too far")),
            \(entry(pos: "-1", id: "0G21yYKMZoHa30cYVi1iA8", name: "Negative")),
            \(entry(pos: "1", id: "6u5M4jPpYkoRV4vVHDQvkd", name: "Long", duration: "9223372036854775807")),
            \(entry(pos: "2", id: "3S2R0EVwBSAVMd5UMgKTL0", name: "Kept second"))
            ]}]}
            """
        let (db, report) = try ingest(slice)
        #expect(report["rows_read"] as? Int == 5 && report["rows_accepted"] as? Int == 2 && report["rows_rejected"] as? Int == 3)
        #expect(report["playlists"] as? Int == 1 && report["playlist_tracks"] as? Int == 2)
        #expect(try rejects(db) == [
            "4: pos 9223372036854775807 is outside 0..999999",
            "5: pos -1 is outside 0..999999",
            "6: duration_ms 9223372036854775807 is outside 0..2147483647",
        ])
        let members = try jukebox(["sql", "--db", db, "--format", "csv",
                                   "SELECT position, track_name FROM v_playlist_tracks ORDER BY position"])
        #expect(members.stdout == "position,track_name\n1,Kept first\n3,Kept second\n")
    }

    /// A number past 64 bits, a fraction or text where `pos` is a whole number, or an entry that is no object,
    /// failed the whole file ("not valid JSON", "Expected to decode Int"): each is a reject for its entry.
    @Test func aPosOfTheWrongTypeRejectsItsEntryAndTheRestLoads() throws {
        let text = #""2""#
        let slice = """
            {"playlists": [{"pid": 4, "name": "Odd types", "tracks": [
            \(entry(pos: "9223372036854775808", id: "0IktbUcnAGrvD03AWnz3Q8", name: "Past 64 bits")),
            \(entry(pos: "1.5", id: "5SuOikwiRyPMVoIQDJUgSV", name: "Half")),
            \(entry(pos: text, id: "4qPNDBW1i3p13qLCt0Ki3A", name: "Text")),
            \(entry(pos: "0", id: "3S2R0EVwBSAVMd5UMgKTL0", name: "Long", duration: "[1]")),
            7,
            \(entry(pos: "1", id: "7lmeHLHBe4nmXzuXc0HDjk", name: "Kept"))
            ]}]}
            """
        let (db, report) = try ingest(slice)
        #expect(report["rows_read"] as? Int == 6 && report["rows_accepted"] as? Int == 1 && report["rows_rejected"] as? Int == 5)
        #expect(try rejects(db) == [
            "2: pos 9.223372036854776e+18 is not a whole number in 0..999999",
            "3: pos 1.5 is not a whole number in 0..999999",
            "4: pos is text, not a number",
            "5: duration_ms is not a number",
            "6: the entry is not a JSON object",
        ])
        let raw = try jukebox(["sql", "--db", db, "--format", "csv", "SELECT raw_line FROM rejects WHERE line_number = 6"])
        #expect(raw.stdout == "raw_line\n7\n")
    }

    /// Issue 25, finding 10: a pid listed twice merged two playlists under one key and dropped the second name.
    /// The second listing is refused, every entry of it a reject; a playlist without a usable pid is refused too.
    @Test func aPidListedTwiceRefusesTheSecondListingWithAllItsEntries() throws {
        let slice = """
            {"playlists": [
            {"pid": 5, "name": "First", "tracks": [
            \(entry(pos: "0", id: "7lmeHLHBe4nmXzuXc0HDjk", name: "One")),
            \(entry(pos: "1", id: "1wsRitfRRtWyEapl0q22o8", name: "Two"))
            ]},
            {"pid": 5, "name": "Second", "tracks": [
            \(entry(pos: "0", id: "0G21yYKMZoHa30cYVi1iA8", name: "Three")),
            \(entry(pos: "1", id: "6u5M4jPpYkoRV4vVHDQvkd", name: "Five"))
            ]},
            {"pid": 5, "name": "Third, empty", "tracks": []},
            {"pid": -2, "name": "Negative pid", "tracks": [
            \(entry(pos: "0", id: "5SuOikwiRyPMVoIQDJUgSV", name: "Four"))
            ]}
            ]}
            """
        let (db, report) = try ingest(slice)
        #expect(report["rows_read"] as? Int == 6 && report["rows_accepted"] as? Int == 2 && report["rows_rejected"] as? Int == 4)
        #expect(report["playlists"] as? Int == 1 && report["playlist_tracks"] as? Int == 2 && report["tracks_new"] as? Int == 2)
        let twice = "its playlist (line 6) has pid 5, which the slice listed before: only the first listing ('First', line 2) is loaded"
        #expect(try rejects(db) == [
            "7: " + twice,
            "8: " + twice,
            "10: its playlist (line 10) has pid 5, which the slice listed before: only the first listing ('First', line 2) is loaded",
            "12: its playlist (line 11) is not loaded: pid -2 is below 0",
        ])
        let playlists = try jukebox(["sql", "--db", db, "--format", "csv",
                                     "SELECT playlist_key, name, (SELECT count(*) FROM playlist_tracks pt WHERE pt.playlist_id = p.playlist_id) AS members FROM playlists p"])
        #expect(playlists.stdout == "playlist_key,name,members\nmpd:5,First,2\n")
    }
}
