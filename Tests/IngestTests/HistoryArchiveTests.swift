import TestFixtures
import Foundation
import GRDB
import Testing
@testable import Ingest
import Store

/// A Spotify .zip read in process: every entry accounted for, a history entry read only as a history, each bounded.
struct HistoryArchiveTests {
    private let hijackCSV = Data("""
        track_id,artists,album_name,track_name,popularity,duration_ms,explicit,track_genre
        5SuOikwiRyPMVoIQDJUgSV,Evil Artist,Evil Album,HIJACKED TITLE,99,1000,False,hijack

        """.utf8)
    private let playlistObject = Data("""
        {"playlists": [{"pid": 7, "name": "Injected", "tracks": [{"pos": 0, "track_uri": "spotify:track:7lmeHLHBe4nmXzuXc0HDjk",
          "track_name": "Injected Track", "artist_name": "Someone"}]}]}
        """.utf8)
    private var history: Data { get throws { try Data(contentsOf: URL(fileURLWithPath: accountHistory)) } }

    /// Entries named as histories but holding a track dump or a playlist slice are refused with their reason; the
    /// catalogue is row for row what it was, and the real history beside them loads.
    @Test func anEntryNamedAsAHistoryIsReadOnlyAsAHistory() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        try ingester.ingest(path: spotifySample)
        let before = try warehouse.snapshot()
        let archive = try ZipFixture.make([("MyData/StreamingHistory_music_0.json", hijackCSV),
                                           ("MyData/StreamingHistory_music_1.json", playlistObject),
                                           ("MyData/StreamingHistory_music_2.json", try history),
                                           ("MyData/Userdata.json", Data("{}".utf8))])
        let reports = try ingester.ingestAll(path: archive)
        #expect(reports.map(\.outcome) == [.refused, .refused, .loaded, .skipped])
        #expect(reports[0].reason?.contains("MyData/StreamingHistory_music_0.json is not a Spotify listening history") == true)
        #expect(reports[1].reason?.contains("at the top level: Expected to decode Array<Any> but found a dictionary instead") == true)
        #expect(reports[3].reason?.hasPrefix("not a listening history by its name") == true)
        #expect(reports[2].listens == 7)  // the eighth play lasted 0 ms: skipped by rule
        var after = try warehouse.snapshot()
        for table in ["listens", "ingests", "ingest_entry_outcomes", "sqlite_sequence"] { after[table] = before[table] }
        #expect(after == before)
        #expect(try warehouse.count("SELECT count(*) FROM tracks WHERE name = 'HIJACKED TITLE'") == 0)
        #expect(try warehouse.count("SELECT count(*) FROM playlists") == 0)
    }

    /// Outside a zip too: a file named as a history holding CSV is refused, not loaded as a dump.
    @Test func aFileNamedAsAHistoryHoldingCSVIsRefused() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        try ingester.ingest(path: spotifySample)
        let before = try warehouse.snapshot()
        let path = try temporaryCSV(bytes: Array(hijackCSV), name: "StreamingHistory_music_0.json")
        #expect {
            try ingester.ingest(path: path)
        } throws: { error in
            (error as? IngestError)?.errorDescription?.contains("is not a Spotify listening history") == true
        }
        #expect(try warehouse.snapshot() == before)
    }

    /// The declared size over the limit refuses the entry before inflating it; a size that lies is caught by the
    /// bytes counted while inflating. The other entries load.
    @Test func anEntryOverTheInflatedLimitIsRefusedAndTheOthersLoad() throws {
        let archive = try ZipFixture.make([("Spotify Account Data/StreamingHistory_music_0.json", try history)])
        try ZipFixture.addSpaces(300_000, as: "Spotify Account Data/StreamingHistory_music_1.json", to: archive)
        try ZipFixture.addSpaces(300_000, as: "Spotify Account Data/StreamingHistory_music_2.json", to: archive)
        try ZipFixture.declare(1_000, for: "Spotify Account Data/StreamingHistory_music_2.json", in: archive)
        #expect(try Data(contentsOf: URL(fileURLWithPath: archive)).count < 10_000)
        let warehouse = try temporaryWarehouse()
        var options = IngestOptions()
        options.limits.maxJSONBytes = 100_000
        let reports = try Ingester(warehouse: warehouse).ingestAll(path: archive, options: options)
        #expect(reports.map(\.outcome) == [.loaded, .refused, .refused])
        #expect(reports[1].reason == "\(archive): cannot read its entry Spotify Account Data/StreamingHistory_music_1.json: it declares "
                + "300000 bytes inflated, over the limit of 100000 bytes for one JSON file; nothing was loaded from it")
        #expect(reports[2].reason?.contains("it inflates to more than the limit of 100000 bytes for one JSON file (it declares 1000 bytes)") == true)
        #expect(try warehouse.count("SELECT count(*) FROM listens") == 7)
        #expect(try warehouse.count("SELECT count(*) FROM ingests") == 1)
    }

    /// A name that is not UTF-8 is read leniently (U+FFFD) and shown with control characters escaped; the archive
    /// and that entry still load.
    @Test func aNonUTF8EntryNameDoesNotFailTheArchive() throws {
        let archive = try ZipFixture.make([("StreamingHistory_music_X.json", try history),
                                           ("YYYYother.txt", Data("hello".utf8))])
        try ZipFixture.renameBytes(in: archive, from: "StreamingHistory_music_X.json", to: Array("StreamingHistory_music_".utf8) + [0xFF] + Array(".json".utf8))
        try ZipFixture.renameBytes(in: archive, from: "YYYYother.txt", to: [0x1B] + Array("[2Jother.txt".utf8))
        let warehouse = try temporaryWarehouse()
        let reports = try Ingester(warehouse: warehouse).ingestAll(path: archive)
        #expect(reports.map { ($0.file as NSString).lastPathComponent } == ["StreamingHistory_music_\u{FFFD}.json", "\\u{1b}[2Jother.txt"])
        #expect(reports.map(\.outcome) == [.loaded, .skipped])
        #expect(try warehouse.count("SELECT count(*) FROM listens") == 7)
    }

    /// 3,000 entries, one in a hundred a history: each accounted for, in name order.
    @Test func aManyEntryArchiveIsReadEntryByEntry() throws {
        var entries: [(name: String, data: Data)] = []
        for i in 0..<3_000 {
            if i % 100 == 0 {
                let play = "[{\"endTime\": \"2023-01-01 10:\(String(format: "%02d", i / 100))\", \"artistName\": \"A\", \"trackName\": \"T\(i)\", \"msPlayed\": 1000}]"
                entries.append((String(format: "MyData/StreamingHistory_music_%04d.json", i), Data(play.utf8)))
            } else {
                entries.append((String(format: "MyData/Playlist%04d.json", i), Data("{}".utf8)))
            }
        }
        let archive = try ZipFixture.make(entries)
        let warehouse = try temporaryWarehouse()
        let reports = try Ingester(warehouse: warehouse).ingestAll(path: archive)
        #expect(reports.count == 3_000)
        #expect(reports.filter { $0.outcome == .loaded }.count == 30)
        #expect(reports.filter { $0.outcome == .skipped }.count == 2_970)
        #expect(reports.map(\.file) == reports.map(\.file).sorted())
        #expect(try warehouse.count("SELECT count(*) FROM listens") == 30)
    }

    /// `recommend --history` reads a zip the same way: the history entries, in memory.
    @Test func aDownloadedZipIsReadAsItsHistoryFiles() throws {
        let archive = try ZipFixture.make([("StreamingHistory_music_0.json", try history), ("ReadMeFirst.pdf", Data("%PDF".utf8))])
        #expect(try HistoryFile.entries(archive) == HistoryFile.entries(accountHistory))
    }

    @Test func aFileThatIsNotAZipIsAClearError() throws {
        let path = try temporaryCSV("not a zip", name: "my_spotify_data.zip")
        #expect(throws: IngestError.self) { try Ingester(warehouse: try temporaryWarehouse()).ingestAll(path: path) }
    }
}
