import Foundation
import GRDB
import Testing
@testable import Ingest
@_spi(WarehouseSQL) import Store

let samples = repositoryData.appendingPathComponent("samples")
let lastfmScrobbles = samples.appendingPathComponent("lastfm/scrobbles.csv").path
let lastfmHeaderless = samples.appendingPathComponent("lastfm/lastfm-to-csv.csv").path
let listenBrainzLines = samples.appendingPathComponent("listenbrainz/listens.jsonl").path
let listenBrainzZip = samples.appendingPathComponent("listenbrainz/listenbrainz_export.zip").path
let malojaExport = samples.appendingPathComponent("maloja/maloja_export_2022_07_02_10_00_00.json").path
let applePlayActivity = samples.appendingPathComponent("apple_music/Apple Music Play Activity.csv").path

/// The histories of the other services (data/samples/<format>, written by make_scrobble_samples.py): each loads with
/// no options, every entry is accounted for, and the same play from two sources is one play.
struct HistorySourcesTests {
    private func loaded() throws -> (Warehouse, Ingester) {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        #expect(try ingester.ingest(path: spotifySample).tracksNew == sampleTracks)
        return (warehouse, ingester)
    }

    private let sampleTracks = 158

    /// The stored accounting of an ingest, outcome (with its source) to entries.
    private func storedOutcomes(_ warehouse: Warehouse, _ ingestID: Int64) throws -> [String: Int] {
        try warehouse.pool.read { db in
            var outcomes: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT outcome, of_source, entries FROM ingest_entry_outcomes WHERE ingest_id = ?",
                                        arguments: [ingestID]) {
                let source: String = row["of_source"]
                outcomes[(row["outcome"] as String) + (source.isEmpty ? "" : ":" + source)] = row["entries"]
            }
            return outcomes
        }
    }

    @Test(arguments: [
        // file, format, entries, stored_matched, stored_unmatched, skipped_by_rule, rejected
        (lastfmScrobbles, HistoryFormat.lastfm, 9, 3, 4, 0, 2),
        (lastfmHeaderless, .lastfmHeaderless, 4, 1, 2, 0, 1),
        (listenBrainzLines, .listenbrainz, 7, 1, 4, 0, 2),
        (malojaExport, .maloja, 5, 1, 2, 1, 1),
        (applePlayActivity, .appleMusic, 6, 1, 2, 2, 1),  // Hold On is two songs' title: unmatched
    ])
    func eachFormatLoadsWithNoOptionsAndAccountsForEveryEntry(
        path: String, format: HistoryFormat, entries: Int, matched: Int, unmatched: Int, skipped: Int, rejected: Int
    ) throws {
        #expect(HistoryFormat.detect(path: path) == format)
        let (warehouse, ingester) = try loaded()
        let report = try ingester.ingest(path: path)
        let outcomes = try #require(report.entries)
        #expect(report.kind == .history && report.rowsRead == entries)
        #expect(outcomes.storedMatched == matched && outcomes.storedUnmatched == unmatched)
        #expect(outcomes.skippedByRule == skipped && outcomes.rejected == rejected)
        // Every entry once: in the report, in ingest_entry_outcomes, and in the tables they went to.
        #expect(outcomes.total == entries)
        #expect(try storedOutcomes(warehouse, report.ingestID).values.reduce(0, +) == entries)
        #expect(try warehouse.count("SELECT count(*) FROM listens WHERE ingest_id = \(report.ingestID)") == matched + unmatched)
        #expect(try warehouse.count("SELECT count(*) FROM rejects WHERE ingest_id = \(report.ingestID)") == rejected)
        #expect(try warehouse.count("SELECT count(*) FROM tracks") == sampleTracks, "a history never writes the catalogue")
    }

    @Test func eachPlayRecordsItsSourceAndWhatItsTimeMeans() throws {
        let (warehouse, ingester) = try loaded()
        for path in [lastfmScrobbles, listenBrainzLines, malojaExport, applePlayActivity] { try ingester.ingest(path: path) }
        let rows = try warehouse.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT source, played_at_means, ms_played_source, count(*) AS n FROM v_listens GROUP BY 1, 2, 3 ORDER BY 1, 3")
                .map { "\($0["source"] as String) \($0["played_at_means"] as String) \($0["ms_played_source"] as String) \($0["n"] as Int)" }
        }
                // ListenBrainz's copies of three Last.fm scrobbles are richer (a Spotify id, the track's length): they replaced them.
        #expect(rows == ["apple_music end played 3", "lastfm start unknown 4", "listenbrainz start track_length 4",
                         "listenbrainz start unknown 1", "maloja start played 1", "maloja start track_length 2"])
        // Last.fm's uts is the start, stored as given: 1572731110 is 2019-11-02T21:45:10Z.
        #expect(try warehouse.count("SELECT count(*) FROM listens WHERE source = 'lastfm' AND played_at = '2019-11-02T21:45:10Z' AND track_name = 'Airbag'") == 1)
        // Apple's end timestamp loses its milliseconds; a play with no artist is matched by a title only one song has.
        #expect(try warehouse.count("""
            SELECT count(*) FROM listens WHERE source = 'apple_music' AND played_at = '2021-06-01T17:03:51Z' AND track_id = '5SuOikwiRyPMVoIQDJUgSV'
            """) == 1)
        #expect(try warehouse.count("SELECT count(*) FROM listens WHERE source = 'apple_music' AND skipped = 1 AND reason_end = 'TRACK_SKIPPED_FORWARDS'") == 1)
    }

    /// The same plays exported by Spotify (the end, ms_played) and scrobbled to Last.fm and ListenBrainz (the start, a
    /// few seconds late): whichever loads first, each play is stored once, as Spotify's richer copy.
    @Test(arguments: [false, true])
    func theSamePlayFromTwoSourcesIsOnePlay(scrobblesFirst: Bool) throws {
        let (warehouse, ingester) = try loaded()
        let order = scrobblesFirst ? [lastfmScrobbles, listenBrainzLines, extendedHistory] : [extendedHistory, lastfmScrobbles, listenBrainzLines]
        let reports = try order.map { try ingester.ingest(path: $0) }
        let spotify = try #require(reports.first { $0.file == extendedHistory }?.entries)
        let lastfm = try #require(reports.first { $0.file == lastfmScrobbles }?.entries)
        let listenBrainz = try #require(reports.first { $0.file == listenBrainzLines }?.entries)
        // 8 Spotify plays, Last.fm's 2 own plays, ListenBrainz's 2 own: 0 counted twice, 0 lost.
        #expect(try warehouse.count("SELECT count(*) FROM listens") == 12)
        #expect(try warehouse.count("SELECT count(*) FROM listens WHERE source = 'spotify_extended'") == 8)
        #expect(try warehouse.count("SELECT count(*) FROM listen_duplicates") == 8)
        #expect(try warehouse.count("SELECT count(*) FROM listen_duplicates WHERE source = 'lastfm'") == 5)
        #expect(try warehouse.count("SELECT count(*) FROM listen_duplicates WHERE source = 'listenbrainz'") == 3)
        // The five plays in all three sources: one row each, the Spotify copy.
        #expect(try warehouse.count("""
            SELECT count(*) FROM listens WHERE track_name IN ('Comedy', 'Take Me to Your Heart', 'Never Gonna Give You Up', 'Hold On', 'Warriors')
              AND played_at LIKE '2023-03-%'
            """) == 5)
        if scrobblesFirst {
            // Loaded last, the Spotify copy replaced the poorer ones and counted them by their sources.
            #expect(spotify.stored == 8 && spotify.replacedPoorerCopyOf == ["listenbrainz": 3, "lastfm": 2])
            #expect(listenBrainz.replacedPoorerCopyOf == ["lastfm": 3] && listenBrainz.duplicates == 0)
        } else {
            #expect(lastfm.duplicateOf == ["spotify_extended": 5] && listenBrainz.duplicateOf == ["spotify_extended": 3])
        }
        #expect(lastfm.total == 9 && listenBrainz.total == 7 && spotify.total == 10)
    }

    /// A play repeated back to back is two plays, even across sources: a stored play stands for one play of each other source.
    @Test func aSongOnRepeatScrobbledTwiceIsTwoPlays() throws {
        let (warehouse, ingester) = try loaded()
        let spotify = try temporaryCSV("""
            [{"ts": "2023-05-01T10:01:00Z", "ms_played": 60000, "master_metadata_track_name": "Comedy", "master_metadata_album_artist_name": "Gen Hoshino"},
             {"ts": "2023-05-01T10:02:00Z", "ms_played": 60000, "master_metadata_track_name": "Comedy", "master_metadata_album_artist_name": "Gen Hoshino"}]
            """, name: "Streaming_History_Audio_2023.json")
        let lastfm = try temporaryCSV("""
            "uts","utc_time","artist","artist_mbid","album","album_mbid","track","track_mbid"
            "1682935202","01 May 2023, 10:00","Gen Hoshino","","Comedy","","Comedy",""
            "1682935262","01 May 2023, 10:01","Gen Hoshino","","Comedy","","Comedy",""

            """)
        try ingester.ingest(path: spotify)
        let scrobbles = try #require(try ingester.ingest(path: lastfm).entries)
        #expect(scrobbles.duplicateOf == ["spotify_extended": 2])
        #expect(try warehouse.count("SELECT count(*) FROM listens") == 2)
    }

    @Test func incognitoPlaysAreKeptAndMarkedUnlessDropped() throws {
        let (warehouse, ingester) = try loaded()
        let export = try temporaryCSV("""
            [{"ts": "2023-05-01T10:01:00Z", "ms_played": 60000, "master_metadata_track_name": "Comedy", "master_metadata_album_artist_name": "Gen Hoshino", "incognito_mode": true},
             {"ts": "2023-05-01T10:05:00Z", "ms_played": 0, "master_metadata_track_name": "Comedy", "master_metadata_album_artist_name": "Gen Hoshino"}]
            """, name: "Streaming_History_Audio_2023.json")
        let kept = try #require(try ingester.ingest(path: export).entries)
        #expect(kept.incognitoKept == 1 && kept.storedMatched == 1 && kept.skippedByRule == 1 && kept.total == 2)
        #expect(try warehouse.count("SELECT count(*) FROM v_listens WHERE incognito_mode = 1") == 1)
        var options = IngestOptions()
        options.listener = "bo"
        options.force = true
        options.dropIncognito = true
        let dropped = try #require(try ingester.ingest(path: export, options: options).entries)
        #expect(dropped.incognitoDropped == 1 && dropped.stored == 0 && dropped.total == 2)
        #expect(try warehouse.count("SELECT count(*) FROM listens WHERE listener = 'bo'") == 0)
    }

    @Test func podcastsAreKeptInTheirOwnTable() throws {
        let (warehouse, ingester) = try loaded()
        let report = try #require(try ingester.ingest(path: extendedHistory).entries)
        #expect(report.podcast == 1 && report.audiobook == 1)
        #expect(try warehouse.count("SELECT count(*) FROM podcast_plays WHERE show_name = 'The Mix Podcast' AND episode_name = 'Episode 12: Tempo'") == 1)
    }

    @Test func aListenBrainzZipReadsItsListensAndSkipsTheRest() throws {
        let (warehouse, ingester) = try loaded()
        let reports = try ingester.ingestAll(path: listenBrainzZip)
        #expect(reports.map { ($0.file as NSString).lastPathComponent } == ["feedback.jsonl", "3.jsonl", "1.jsonl", "user.json"])
        #expect(reports.map(\.outcome) == [.skipped, .loaded, .loaded, .skipped])
        #expect(reports.compactMap(\.entries).map(\.total) == [4, 2])
        #expect(try warehouse.count("SELECT count(*) FROM listens WHERE source = 'listenbrainz'") == 5)
    }

    @Test func withAListenerAFileThatIsNoHistoryIsAnErrorNamingTheFormats() throws {
        let (warehouse, ingester) = try loaded()
        var options = IngestOptions()
        options.expectsHistory = true
        #expect(throws: IngestError.notAHistoryOfAnyFormat(file: topHitsSample, formats: HistoryFormat.described)) {
            try ingester.ingest(path: topHitsSample, options: options)
        }
        #expect(try warehouse.count("SELECT count(*) FROM tracks") == sampleTracks)
    }

    @Test func findsWhereEachElementOfANestedArrayStarts() {
        let data = Data("{\"scrobbles\": [\n {\"a\": [1, 2]},\n\n {\"b\": \"[,]\"}\n], \"x\": [9]}".utf8)
        #expect(JSONArrayLines.startLines(data, depth: 2) == [2, 4])
    }
}
