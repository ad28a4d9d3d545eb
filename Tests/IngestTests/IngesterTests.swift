import Foundation
import GRDB
import Testing
@testable import Ingest
@_spi(WarehouseSQL) import Store

struct IngesterTests {
    // Expected figures were computed independently from the sample with Python's csv module
    // (see data/samples/make_samples.py for how the rows were chosen).
    @Test func loadsTheRealSpotifySample() throws {
        let warehouse = try temporaryWarehouse()
        let report = try Ingester(warehouse: warehouse).ingest(path: spotifySample)
        #expect(report.outcome == .loaded)
        #expect(report.rowsRead == 192)
        #expect(report.rowsAccepted == 191)
        #expect(report.rowsRejected == 1)
        #expect(report.rowsDuplicate == 5)
        #expect(report.tracksNew == 158)
        #expect(report.popularityConflicts == 5)
        let stats = try warehouse.pool.read(WarehouseStats.fetch)
        #expect(stats.tracks == 158)
        #expect(stats.artists == 72)
        #expect(stats.albums == 135)
        #expect(stats.genres == 16)
        #expect(stats.trackGenres == 186)
        #expect(stats.ingests == 1)
        #expect(stats.rejects == 1)
    }

    @Test func vTracksHoldsTheRowValues() throws {
        let warehouse = try temporaryWarehouse()
        try Ingester(warehouse: warehouse).ingest(path: spotifySample)
        let row = try #require(try warehouse.pool.read { try Row.fetchOne($0, sql: "SELECT * FROM v_tracks WHERE track_id = '5SuOikwiRyPMVoIQDJUgSV'") })
        #expect(row["track_name"] as String == "Comedy")
        #expect(row["artists"] as String == "Gen Hoshino")
        #expect(row["album_name"] as String == "Comedy")
        #expect(row["genres"] as String == "acoustic;j-pop;singer-songwriter;songwriter")
        #expect(row["popularity"] as Int == 73)
        #expect(row["release_year"] as Int? == nil)
        #expect(row["duration_ms"] as Int == 230666)
        #expect(row["explicit"] as Int == 0)
        #expect(row["danceability"] as Double == 0.676)
        #expect(row["energy"] as Double == 0.461)
        #expect(row["key"] as Int == 1)
        #expect(row["loudness"] as Double == -6.746)
        #expect(row["mode"] as Int == 0)
        #expect(row["speechiness"] as Double == 0.143)
        #expect(row["acousticness"] as Double == 0.0322)
        #expect(row["instrumentalness"] as Double == 1.01e-06)
        #expect(row["liveness"] as Double == 0.358)
        #expect(row["valence"] as Double == 0.715)
        #expect(row["tempo"] as Double == 87.917)
        #expect(row["time_signature"] as Int == 4)
    }

    @Test func keepsTheHighestOfConflictingPopularities() throws {
        // 2qESE1ZeWly7I3YjyTXmXh appears with popularity 0 (acoustic) and 1 (rock) in the sample.
        let warehouse = try temporaryWarehouse()
        try Ingester(warehouse: warehouse).ingest(path: spotifySample)
        #expect(try warehouse.count("SELECT popularity FROM v_tracks WHERE track_id = '2qESE1ZeWly7I3YjyTXmXh'") == 1)
        #expect(try warehouse.count("SELECT count(*) FROM popularity_observations WHERE track_id = '2qESE1ZeWly7I3YjyTXmXh'") == 1)
        #expect(try warehouse.count("SELECT count(*) FROM track_genres WHERE track_id = '2qESE1ZeWly7I3YjyTXmXh'") == 2)
    }

    @Test func recordsRejectsWithLineAndReason() throws {
        let warehouse = try temporaryWarehouse()
        try Ingester(warehouse: warehouse).ingest(path: spotifySample)
        let rejects = try warehouse.pool.read { try RejectEntry.fetch($0) }
        #expect(rejects.count == 1)
        #expect(rejects[0].reason == "missing track_name; missing artists; duration_ms 0 is outside 1..2147483647")
        #expect(rejects[0].rawLine.hasPrefix("65900,1kR4gIb7nGxHPI3D2ifs59,,,,0,0,False"))
        let lines = try String(contentsOfFile: spotifySample, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(String(lines[rejects[0].lineNumber - 1]) == rejects[0].rawLine)
    }

    @Test func loadsTopHitsWithDerivedIdsYearsAndGenreLists() throws {
        let warehouse = try temporaryWarehouse()
        let report = try Ingester(warehouse: warehouse).ingest(path: topHitsSample)
        #expect(report.rowsRead == 144)
        #expect(report.rowsDuplicate == 3)
        #expect(report.tracksNew == 141)
        #expect(try warehouse.count("SELECT count(*) FROM tracks WHERE id_is_derived = 1 AND track_id LIKE 'jb-%'") == 141)
        #expect(try warehouse.count("SELECT count(*) FROM v_tracks WHERE release_year IS NOT NULL") == 141)
        #expect(try warehouse.count("SELECT count(*) FROM genres") == 11)
        let id = RowParser.derivedID(artists: ["Britney Spears"], title: "Oops!...I Did It Again")
        let row = try #require(try warehouse.pool.read { try Row.fetchOne($0, sql: "SELECT * FROM v_tracks WHERE track_id = ?", arguments: [id]) })
        #expect(row["release_year"] as Int == 2000)
        #expect(row["popularity"] as Int == 77)
        #expect(row["genres"] as String == "pop")
        // `set()` means no genre: those tracks load, untagged.
        #expect(try warehouse.count("SELECT count(*) FROM v_tracks WHERE genres IS NULL") > 0)
    }

    @Test func smallWriteBatchesGiveTheSameWarehouse() throws {
        let whole = try temporaryWarehouse()
        try Ingester(warehouse: whole).ingest(path: spotifySample)
        let batched = try temporaryWarehouse()
        var options = IngestOptions()
        options.batchSize = 7
        let report = try Ingester(warehouse: batched).ingest(path: spotifySample, options: options)
        #expect(report.popularityConflicts == 5)
        var a = try whole.snapshot(), b = try batched.snapshot()
        // Only the ingest's timestamps and surrogate ids of lookup rows may differ.
        for table in ["ingests", "artists", "albums", "genres", "track_artists", "track_genres", "tracks", "schema_migrations"] {
            a[table] = nil
            b[table] = nil
        }
        #expect(a == b)
        #expect(try whole.count("SELECT count(*) FROM v_tracks") == batched.count("SELECT count(*) FROM v_tracks"))
        let query = "SELECT group_concat(track_id || artists || genres || popularity, '|') FROM (SELECT * FROM v_tracks ORDER BY track_id)"
        let left = try whole.pool.read { try String.fetchOne($0, sql: query) }
        let right = try batched.pool.read { try String.fetchOne($0, sql: query) }
        #expect(left == right)
    }

    @Test func sameFileAgainIsANoOp() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        let first = try ingester.ingest(path: spotifySample)
        let before = try warehouse.snapshot()
        let second = try ingester.ingest(path: spotifySample)
        #expect(second.outcome == .alreadyLoaded)
        #expect(second.ingestID == first.ingestID)
        #expect(try warehouse.snapshot() == before)
    }

    /// A new file is fingerprinted as it is read; one the size of a loaded file is fingerprinted first.
    @Test func recordsTheFileFingerprintEitherWay() throws {
        let warehouse = try temporaryWarehouse()
        let first = try temporaryCSV("track_name,artists\nAlpha,Ann\n")
        let sameSize = try temporaryCSV("track_name,artists\nOmega,Bob\n")
        let loaded = try Ingester(warehouse: warehouse).ingest(path: first)
        let second = try Ingester(warehouse: warehouse).ingest(path: sameSize)
        #expect(second.outcome == .loaded)
        for (report, path) in [(loaded, first), (second, sameSize)] {
            let expected = try Ingester.fingerprint(path: path).sha256
            #expect(report.sha256 == expected)
            #expect(try warehouse.read { try IngestLog.entry($0, id: report.ingestID)?.fileSHA256 } == expected)
        }
        #expect(try Ingester(warehouse: warehouse).ingest(path: sameSize).outcome == .alreadyLoaded)
    }

    /// The same bytes loaded by another run while this one read them (simulated: a succeeded ingest with the
    /// file's fingerprint but another size, so the check before loading cannot see it) roll back and leave no trace.
    @Test func aFileLoadedMeanwhileIsNotLoadedTwice() throws {
        let warehouse = try temporaryWarehouse()
        let sha256 = try Ingester.fingerprint(path: topHitsSample).sha256
        try warehouse.pool.write { db in
            try db.execute(sql: "INSERT INTO ingests (file_name, file_sha256, file_bytes, status, started_at) VALUES ('other.csv', ?, 1, 'succeeded', 't')",
                           arguments: [sha256])
        }
        let before = try warehouse.snapshot()
        let report = try Ingester(warehouse: warehouse).ingest(path: topHitsSample)
        #expect(report.outcome == .alreadyLoaded)
        #expect(report.ingestID == 1)
        #expect(try warehouse.snapshot() == before)
    }

    @Test func forceReloadsAndAddsAPopularityObservation() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        try ingester.ingest(path: spotifySample)
        var options = IngestOptions()
        options.force = true
        let again = try ingester.ingest(path: spotifySample, options: options)
        #expect(again.outcome == .loaded)
        #expect(again.tracksNew == 0)
        #expect(again.tracksUpdated == 0)
        #expect(try warehouse.count("SELECT count(*) FROM tracks") == 158)
        #expect(try warehouse.count("SELECT count(*) FROM popularity_observations") == 316)
    }

    @Test func newerDumpUpdatesChangedTracksAndKeepsHistory() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        try ingester.ingest(path: spotifySample)
        let header = ",track_id,artists,album_name,track_name,popularity,duration_ms,explicit,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature,track_genre\n"
        // Comedy is now more popular and was re-credited; a brand new track appears.
        let newer = try temporaryCSV(header
            + "0,5SuOikwiRyPMVoIQDJUgSV,Gen Hoshino;Guest,Comedy,Comedy,80,230666,False,0.676,0.461,1,-6.746,0,0.143,0.0322,1.01e-06,0.358,0.715,87.917,4,acoustic\n"
            + "1,4qPNDBW1i3p13qLCt0Ki3A,Ben Woodward,Ghost (Acoustic),Ghost - Acoustic,55,149610,False,0.42,0.166,1,-17.235,1,0.0763,0.924,5.56e-06,0.101,0.267,77.489,4,acoustic\n"
            + "2,0000000000000000000001,New Artist,New Album,New Song,10,100000,True,0.5,0.5,5,-5,1,0.05,0.1,0,0.1,0.5,120,4,new-genre\n")
        let report = try ingester.ingest(path: newer)
        #expect(report.tracksNew == 1)
        #expect(report.tracksUpdated == 1)
        #expect(try warehouse.count("SELECT popularity FROM v_tracks WHERE track_id = '5SuOikwiRyPMVoIQDJUgSV'") == 80)
        #expect(try warehouse.count("SELECT count(*) FROM popularity_observations WHERE track_id = '5SuOikwiRyPMVoIQDJUgSV'") == 2)
        let artists = try warehouse.pool.read { try String.fetchOne($0, sql: "SELECT artists FROM v_tracks WHERE track_id = '5SuOikwiRyPMVoIQDJUgSV'") }
        #expect(artists == "Gen Hoshino;Guest")
        #expect(try warehouse.count("SELECT last_ingest_id FROM tracks WHERE track_id = '4qPNDBW1i3p13qLCt0Ki3A'") == 2)
    }

    @Test func strictRefusesTheWholeFileAndChangesNothing() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        try ingester.ingest(path: topHitsSample)
        let before = try warehouse.snapshot()
        var options = IngestOptions()
        options.strict = true
        #expect(throws: IngestError.self) { try ingester.ingest(path: spotifySample, options: options) }
        do {
            try ingester.ingest(path: spotifySample, options: options)
        } catch let IngestError.strictRefused(_, rejected, firstErrors) {
            #expect(rejected == 1)
            #expect(firstErrors == ["line 171: missing track_name; missing artists; duration_ms 0 is outside 1..2147483647"])
        }
        #expect(try warehouse.snapshot() == before)
    }

    @Test func strictLoadsACleanFile() throws {
        let warehouse = try temporaryWarehouse()
        var options = IngestOptions()
        options.strict = true
        let report = try Ingester(warehouse: warehouse).ingest(path: topHitsSample, options: options)
        #expect(report.tracksNew == 141)
    }

    @Test func fileWithoutUsableHeaderIsRefusedAndLeavesNoTrace() throws {
        let warehouse = try temporaryWarehouse()
        let path = try temporaryCSV("hello world\nthis is not a dump\n", name: "notes.txt")
        #expect(throws: IngestError.noUsableHeader(file: path, header: ["hello world"])) {
            try Ingester(warehouse: warehouse).ingest(path: path)
        }
        #expect(try warehouse.count("SELECT count(*) FROM ingests") == 0)
    }

    @Test func emptyFileIsAClearError() throws {
        let warehouse = try temporaryWarehouse()
        let path = try temporaryCSV("")
        #expect(throws: IngestError.emptyFile(file: path)) { try Ingester(warehouse: warehouse).ingest(path: path) }
    }

    @Test func hostileStringsAreStoredVerbatim() throws {
        let warehouse = try temporaryWarehouse()
        let name = "Robert'); DROP TABLE tracks;-- <script>alert(\"x\")</script> & ☃"
        let path = try temporaryCSV("name,artist,genre\n\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\",\"A \"\"B\"\" C\",rock\n")
        try Ingester(warehouse: warehouse).ingest(path: path)
        let stored = try warehouse.pool.read { try Row.fetchOne($0, sql: "SELECT track_name, artists FROM v_tracks") }
        #expect(stored?["track_name"] as String? == name)
        #expect(stored?["artists"] as String? == "A \"B\" C")
    }

    @Test func interruptedIngestIsMarkedFailedOnTheNextRun() throws {
        let warehouse = try temporaryWarehouse()
        // What a killed process leaves: a 'running' log row and no ingest lock held (its data never committed).
        // Its PID now belongs to a live process (init): the lock, not the PID, decides.
        try warehouse.pool.write { db in
            try db.execute(sql: "INSERT INTO ingests (file_name, file_sha256, file_bytes, status, started_at, process_id) VALUES ('x.csv', 'abc', 1, 'running', '2026-01-01T00:00:00Z', 1)")
        }
        try Ingester(warehouse: warehouse).ingest(path: topHitsSample)
        let first = try #require(try warehouse.read { try IngestLog.entry($0, id: 1) })
        #expect(first.status == "failed")
        #expect(first.message?.hasPrefix("interrupted") == true)
    }

    @Test func mapAndGenreOptionsApply() throws {
        let warehouse = try temporaryWarehouse()
        let path = try temporaryCSV("Performer,Song Title,Length\nAurora,Runaway,248000\n")
        var options = IngestOptions()
        options.columnOverrides = ["Performer": .artists, "Song Title": .trackName, "Length": .durationMs]
        options.extraGenre = "nordic"
        try Ingester(warehouse: warehouse).ingest(path: path, options: options)
        let row = try #require(try warehouse.pool.read { try Row.fetchOne($0, sql: "SELECT * FROM v_tracks") })
        #expect(row["artists"] as String == "Aurora")
        #expect(row["track_name"] as String == "Runaway")
        #expect(row["duration_ms"] as Int == 248000)
        #expect(row["genres"] as String == "nordic")
    }
}
