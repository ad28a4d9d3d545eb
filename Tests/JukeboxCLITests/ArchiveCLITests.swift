import TestFixtures
import Foundation
import GRDB
import Testing

/// `jukebox ingest` given Spotify's .zip: read in process, entry by entry, a history entry only as a history.
struct ArchiveCLITests {
    private let accountHistory = repositoryRoot.appendingPathComponent("data/samples/history/StreamingHistory_music_0.json")

    /// Every catalogue table's rows, as text, to compare byte for byte.
    private func catalogue(_ db: String) throws -> [String: [String]] {
        let queue = try DatabaseQueue(path: db)
        return try queue.read { db in
            var tables: [String: [String]] = [:]
            for table in ["tracks", "artists", "albums", "genres", "track_artists", "track_genres", "audio_features",
                          "popularity_observations", "artist_genres", "playlists", "playlist_tracks"] {
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map { "\($0)" }
            }
            return tables
        }
    }

    private func count(_ db: String, _ sql: String) throws -> Int {
        try DatabaseQueue(path: db).read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    /// The probe's hijack: entries named as histories holding a track dump (renaming 5SuOikwiRyPMVoIQDJUgSV) and a
    /// playlist slice. Both are refused with their reason, the real history beside them loads, and the catalogue
    /// is byte for byte what it was.
    @Test func aHistoryArchiveCannotRewriteTheCatalogue() throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        #expect(try jukebox(["ingest", "--db", db, sampleSpotify]).status == 0)
        let before = try catalogue(db)
        let archive = try ZipFixture.make([
            ("MyData/StreamingHistory_music_0.json", Data("""
                track_id,artists,album_name,track_name,popularity,duration_ms,explicit,track_genre
                5SuOikwiRyPMVoIQDJUgSV,Evil Artist,Evil Album,HIJACKED TITLE,99,1000,False,hijack

                """.utf8)),
            ("MyData/StreamingHistory_music_1.json", Data("""
                {"playlists": [{"pid": 7, "name": "Injected", "tracks": [{"pos": 0, "track_uri": "spotify:track:7lmeHLHBe4nmXzuXc0HDjk",
                  "track_name": "Injected Track", "artist_name": "Someone"}]}]}
                """.utf8)),
            ("MyData/StreamingHistory_music_2.json", try Data(contentsOf: accountHistory)),
            ("MyData/Userdata.json", Data("{}".utf8)),
        ])
        let result = try jukebox(["ingest", "--db", db, archive])
        #expect(result.status == 1)
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("jukebox: error: ") }
        #expect(errors.count == 2)
        #expect(errors.first?.contains("\(archive)/MyData/StreamingHistory_music_0.json is not a Spotify listening history") == true)
        #expect(errors.last?.contains("\(archive)/MyData/StreamingHistory_music_1.json is not a Spotify listening history") == true)
        #expect(result.stdout.contains("\(archive)/MyData/StreamingHistory_music_2.json: loaded as ingest 2 (listening history)"))
        #expect(result.stdout.contains("\(archive): 1 other entries skipped (not listening histories by their names, or folders): MyData/Userdata.json"))
        #expect(try catalogue(db) == before)
        #expect(try count(db, "SELECT count(*) FROM listens") == 7)  // the account sample's eighth play lasted 0 ms: skipped by rule
    }

    /// A zip of a few hundred KB whose entries inflate to 80 MiB, one saying so and one lying about it: each is
    /// refused with the limit named, nothing is loaded from them, nothing is written to the temporary folder,
    /// and the history beside them (its name not UTF-8) loads.
    @Test func aZipBombIsRefusedEntryByEntry() throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        let archive = try ZipFixture.make([("MyData/StreamingHistory_music_X.json", try Data(contentsOf: accountHistory))])
        try ZipFixture.renameBytes(in: archive, from: "MyData/StreamingHistory_music_X.json",
                                   to: Array("MyData/StreamingHistory_music_".utf8) + [0xFF] + Array(".json".utf8))
        try ZipFixture.addSpaces(80 << 20, as: "MyData/StreamingHistory_music_1.json", to: archive)
        try ZipFixture.addSpaces(80 << 20, as: "MyData/StreamingHistory_music_2.json", to: archive)
        try ZipFixture.declare(1_000, for: "MyData/StreamingHistory_music_2.json", in: archive)
        #expect(try Data(contentsOf: URL(fileURLWithPath: archive)).count < 1 << 20)
        let temporary = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)

        let result = try jukebox(["ingest", "--db", db, archive], environment: ["TMPDIR": temporary.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("jukebox: error: \(archive): cannot read its entry MyData/StreamingHistory_music_1.json: it declares "
                                       + "83886080 bytes inflated, over the limit of 64 MiB for one JSON file; nothing was loaded from it"))
        #expect(result.stderr.contains("jukebox: error: \(archive): cannot read its entry MyData/StreamingHistory_music_2.json: it inflates "
                                       + "to more than the limit of 64 MiB for one JSON file (it declares 1000 bytes); nothing was loaded from it"))
        #expect(result.stdout.contains("\(archive)/MyData/StreamingHistory_music_\u{FFFD}.json: loaded as ingest 1 (listening history)"))
        // The summary counts the refused entries as entries, not as files of the one archive given.
        #expect(result.stdout.contains("ingest(s); 2 archive entries were refused (see above).\n"), "\(result.stdout)")
        #expect(try count(db, "SELECT count(*) FROM listens") == 7)  // the account sample's eighth play lasted 0 ms: skipped by rule
        #expect(try count(db, "SELECT count(*) FROM ingests") == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
    }
}
