import TestFixtures
import Foundation
import GRDB
import Testing
@testable import Ingest
@_spi(WarehouseSQL) import Store

let historyFolder = repositoryData.appendingPathComponent("samples/history")
let accountHistory = historyFolder.appendingPathComponent("StreamingHistory_music_0.json").path
let extendedHistory = historyFolder.appendingPathComponent("Streaming_History_Audio_2023.json").path
let laterExtendedHistory = historyFolder.appendingPathComponent("Streaming_History_Audio_2023-2024.json").path
let olderExtendedHistory = historyFolder.appendingPathComponent("endsong_0.json").path

/// The synthetic exports of data/samples/history (see make_history_samples.py for what each play is).
struct ListeningHistoryTests {
    @Test func loadsBothExportFormatsAndCountsTheirPlays() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        try ingester.ingest(path: spotifySample)
        var options = IngestOptions()
        options.listener = "ana"

        let account = try ingester.ingest(path: accountHistory, options: options)
        #expect(account.kind == .history)
        // Unknown Track's 0 ms is skipped by rule (a zero-length play).
        #expect(account.rowsRead == 8 && account.listens == 7 && account.rowsSkipped == 1 && account.rowsRejected == 0)
        // GEN HOSHINO - comedy, BNegao - Reza Forte (credited second, accent dropped), I'm Yours twice.
        #expect(account.listensMatched == 4)

        let extended = try ingester.ingest(path: extendedHistory, options: options)
        #expect(extended.rowsRead == 10 && extended.listens == 8 && extended.rowsSkipped == 2)
        // Comedy, I'm Yours, Hold On and Lucky; Warriors and Take Me to Your Heart are in the playlist sample only.
        #expect(extended.listensMatched == 4)

        let older = try ingester.ingest(path: olderExtendedHistory, options: options)
        #expect(older.listens == 1 && older.rowsRejected == 1)
        let reject = try #require(try warehouse.pool.read { try RejectEntry.fetch($0, ingestID: older.ingestID) }.first)
        #expect(reject.lineNumber == 1)
        #expect(reject.reason == "ms_played is text, not a number")

        #expect(try warehouse.count("SELECT count(*) FROM v_listens WHERE listener = 'ana'") == 16)
        #expect(try warehouse.count("SELECT count(*) FROM v_listens WHERE skipped = 1") == 2)
        let row = try #require(try warehouse.pool.read {
            try Row.fetchOne($0, sql: "SELECT * FROM v_listens WHERE played_at = '2023-03-01T07:19:01Z'")
        })
        #expect(row["track_id"] as String == "3S0OXQeoh0w6AY8WQVckRW")
        #expect(row["ms_played"] as Int == 12000)
        #expect(row["reason_start"] as String == "clickrow" && row["reason_end"] as String == "fwdbtn")
        #expect(row["shuffle"] as Int == 0 && row["skipped"] as Int == 1)
        #expect(row["artist_name"] as String == "Jason Mraz" && row["track_name"] as String == "I'm Yours")
        let account1 = try #require(try warehouse.pool.read {
            try Row.fetchOne($0, sql: "SELECT * FROM v_listens WHERE played_at = '2023-02-10T20:01:00Z'")
        })
        #expect(account1["track_id"] as String == "5SuOikwiRyPMVoIQDJUgSV")
        #expect(account1["artist_name"] as String == "GEN HOSHINO" && account1["track_name"] as String == "comedy")
    }

    @Test func overlappingExportsNeverCountAPlayTwice() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        try ingester.ingest(path: extendedHistory)
        let later = try ingester.ingest(path: laterExtendedHistory)
        #expect(later.rowsRead == 7 && later.listens == 2 && later.rowsDuplicate == 4 && later.rowsSkipped == 1)
        #expect(try warehouse.count("SELECT count(*) FROM listens") == 10)
        // The same file again is a no-op; forced, every play is already stored.
        #expect(try ingester.ingest(path: laterExtendedHistory).outcome == .alreadyLoaded)
        var force = IngestOptions()
        force.force = true
        #expect(try ingester.ingest(path: extendedHistory, options: force).rowsDuplicate == 9)  // 8 plays and the podcast episode
        #expect(try warehouse.count("SELECT count(*) FROM listens") == 10)
        #expect(try warehouse.count("SELECT count(*) FROM listens WHERE listener = 'me'") == 10)
        // Another listener's identical plays are theirs.
        var other = IngestOptions()
        other.listener = "bo"
        other.force = true
        #expect(try ingester.ingest(path: extendedHistory, options: other).listens == 8)
    }

    @Test func unmatchedPlaysAreLinkedWhenALaterDumpBringsTheirTracks() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        try ingester.ingest(path: accountHistory)
        try ingester.ingest(path: extendedHistory)
        #expect(try warehouse.count("SELECT count(*) FROM listens WHERE track_id IS NOT NULL") == 0)
        // A first load into empty track tables (the bulk path) links plays by URI and by artist and title.
        let tracks = try ingester.ingest(path: spotifySample)
        #expect(tracks.listensLinked == 8)
        let playlists = try ingester.ingest(path: playlistSample)
        // Take Me to Your Heart and Warriors (URI), All Out Of Love and Que Calor (names).
        #expect(playlists.listensLinked == 4)
        #expect(try warehouse.count("SELECT count(*) FROM listens WHERE track_id IS NOT NULL") == 12)
        #expect(try warehouse.count("SELECT count(*) FROM v_listens WHERE track_id = '7dQC53NiYOY9gKg3Qsu2Bs'") == 1)
        // Never Gonna Give You Up, Halo and the local file wait on (Unknown Track's 0 ms was skipped by rule).
        #expect(try warehouse.count("SELECT count(*) FROM listens WHERE track_id IS NULL") == 3)
        #expect(try warehouse.pool.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
    }

    @Test func anExportsIPAddressesAndAccountFieldsAppearNowhereInTheWarehouse() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        // Apple Music's play activity holds a client IP address and a device id too.
        for path in [spotifySample, accountHistory, extendedHistory, laterExtendedHistory, olderExtendedHistory, applePlayActivity] {
            try ingester.ingest(path: path)
        }
        let forbidden = ["203.0.113.", "198.51.100.", "192.0.2.", "jukebox_test_user", "Android OS", "android", "samsung", "FAKE-DEVICE"]
        let hits = try warehouse.pool.read { db -> [String] in
            var hits: [String] = []
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table'") {
                for column in try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.quotedDatabaseIdentifier))").map({ $0["name"] as String }) {
                    for text in forbidden {
                        let n = try Int.fetchOne(db, sql: """
                            SELECT count(*) FROM \(table.quotedDatabaseIdentifier) WHERE instr(CAST(\(column.quotedDatabaseIdentifier) AS TEXT), ?) > 0
                            """, arguments: [text]) ?? 0
                        if n > 0 { hits.append("\(table).\(column) holds \(text)") }
                    }
                }
            }
            return hits
        }
        #expect(hits.isEmpty)
        #expect(try warehouse.count("SELECT count(*) FROM listens") == 18 + 3)
    }

    @Test func loadsTheHistoryFilesOfADownloadedZip() throws {
        let folder = "Spotify Extended Streaming History/"
        let archive = try ZipFixture.make([
            (folder + "Streaming_History_Audio_2023.json", try Data(contentsOf: URL(fileURLWithPath: extendedHistory))),
            (folder + "Streaming_History_Audio_2023-2024.json", try Data(contentsOf: URL(fileURLWithPath: laterExtendedHistory))),
            (folder + "Streaming_History_Video_2023.json", Data("[]".utf8)),
        ])
        let warehouse = try temporaryWarehouse()
        let reports = try Ingester(warehouse: warehouse).ingestAll(path: archive)
        #expect(reports.map { ($0.file as NSString).lastPathComponent } == ["Streaming_History_Audio_2023-2024.json", "Streaming_History_Audio_2023.json",
                                                                              "Streaming_History_Video_2023.json"])
        #expect(reports.map(\.outcome) == [.loaded, .loaded, .skipped])
        #expect(try warehouse.count("SELECT count(*) FROM listens") == 10)
        #expect(try warehouse.pool.read { try String.fetchAll($0, sql: "SELECT file_name FROM ingests ORDER BY ingest_id") }
                == ["Streaming_History_Audio_2023-2024.json", "Streaming_History_Audio_2023.json"])
        // The same download again loads nothing.
        #expect(try Ingester(warehouse: warehouse).ingestAll(path: archive).map(\.outcome) == [.alreadyLoaded, .alreadyLoaded, .skipped])
    }

    @Test func findsWhereEachEntryOfAJSONArrayStarts() {
        let text = "[\n  {\"a\" : \"x]\\\"\"},\n  {\n  \"b\": [1, 2]\n  },\n  3\n]"
        #expect(JSONArrayLines.startLines(Data(text.utf8)) == [2, 3, 6])
    }
}

/// `recommend --history` reading Spotify exports through the ingest's readers: one weighted line per song.
struct HistoryFileExportTests {
    /// Songs skipped more than played stay, weighing nothing or less (they seed nothing but never come back, as a
    /// loaded listener's skipped songs); podcasts are left out.
    @Test func anExtendedExportBecomesOneWeightedLinePerSongSkipsWeighingNothingWithoutPodcasts() throws {
        let lines = try HistoryFile.entries(extendedHistory)
        let named = lines.filter { $0.query != nil && $0.weight > 0 }
        #expect(named.map(\.label) == ["Gen Hoshino - Comedy", "Michael Learns To Rock - Take Me to Your Heart", "Rick Astley - Never Gonna Give You Up",
                                       "Chord Overstreet - Hold On", "Imagine Dragons - Warriors", "Someone Local - A Local File"])
        #expect(lines.filter { $0.weight <= 0 }.map(\.label) == ["Jason Mraz - I'm Yours", "Jason Mraz - Lucky"])
        // Known by its Spotify id, with artist and title to fall back on.
        #expect(named[0].fallback == "Gen Hoshino - Comedy" && named[5].query == "Someone Local - A Local File")
        // Comedy: 230,666 ms, four and a bit days before the latest play (2023-03-05T12:00:00Z).
        let comedy = try #require(named.first)
        #expect(comedy.query == "5SuOikwiRyPMVoIQDJUgSV")
        let seconds: Double = 4 * 86_400 + 4 * 3600 + 44 * 60 + 58
        let expected: Double = 230_666.0 / 60_000 * pow(0.5, seconds / 86_400 / 90)
        #expect(abs(comedy.weight - expected) < 1e-9)
        #expect(lines.count == named.count + 2)
    }

    @Test func anEntryTheIngestWouldRejectComesBackUnmatchedWithItsReason() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("StreamingHistory_music_\(UUID().uuidString).json")
        try Data("""
            [
              {"endTime": "2023-02-10 20:01", "artistName": "Gen Hoshino", "trackName": "Comedy", "msPlayed": 230666},
              {"endTime": "yesterday", "artistName": "Nobody", "trackName": "Nothing", "msPlayed": 1000}
            ]
            """.utf8).write(to: file)
        let lines = try HistoryFile.entries(file.path)
        #expect(lines.map(\.query) == ["Gen Hoshino - Comedy", nil])
        #expect(lines.last?.label == file.lastPathComponent + " line 3: endTime 'yesterday' is not YYYY-MM-DD HH:MM")
    }

    @Test func anAccountDataExportAddsUpRepeatedPlaysAndNamesTracksByArtistAndTitle() throws {
        let all = try HistoryFile.entries(accountHistory)
        #expect(all.filter { $0.weight <= 0 }.map(\.label) == ["Beyoncé - Halo", "Unknown Artist - Unknown Track"])
        let lines = all.filter { $0.weight > 0 }
        #expect(lines.map(\.label) == ["GEN HOSHINO - comedy", "BNegao - Reza Forte", "Major Lazer - Que Calor", "Air Supply - All Out Of Love",
                                       "Jason Mraz - I'm Yours"])
        let mraz = try #require(lines.last)
        #expect(mraz.query == "Jason Mraz - I'm Yours" && mraz.fallback == nil)
        // Two plays a few minutes before the latest: about eight minutes.
        #expect(abs(mraz.weight - 2 * 242_000.0 / 60_000) < 0.01)
    }
}
