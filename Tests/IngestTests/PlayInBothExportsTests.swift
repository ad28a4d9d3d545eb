import Foundation
import GRDB
import Testing
@testable import Ingest
@_spi(WarehouseSQL) import Store

/// A play with a URI no track has falls back to artist and title; the same play in an account-data export and an
/// extended export is stored once (`PlayInBothExports`).
struct PlayInBothExportsTests {
    private func account(_ endTime: String, _ artist: String, _ title: String, _ ms: Int) -> String {
        "{\"endTime\": \"\(endTime)\", \"artistName\": \"\(artist)\", \"trackName\": \"\(title)\", \"msPlayed\": \(ms)}"
    }

    private func extended(_ ts: String, _ uri: String?, _ artist: String, _ title: String, _ ms: Int) -> String {
        let uriField = uri.map { "\"\($0)\"" } ?? "null"
        return """
            {"ts": "\(ts)", "ms_played": \(ms), "spotify_track_uri": \(uriField), "master_metadata_track_name": "\(title)",
             "master_metadata_album_artist_name": "\(artist)", "master_metadata_album_album_name": "Comedy", "reason_start": "trackdone",
             "reason_end": "trackdone", "shuffle": false, "skipped": false, "offline": false, "incognito_mode": false,
             "ip_addr": "203.0.113.9", "platform": "ios"}
            """
    }

    private func file(_ entries: [String], _ name: String) throws -> String {
        try temporaryCSV("[\n" + entries.joined(separator: ",\n") + "\n]\n", name: name)
    }

    @Test func aURIThatMatchesNoTrackFallsBackToArtistAndTitle() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        let history = try file([
            extended("2024-05-01T10:00:00Z", "spotify:track:1111111111111111111111", "GEN HOSHINO", "Comedy - 2019 Remaster", 230000),
            extended("2024-05-01T10:05:00Z", "spotify:track:2222222222222222222222", "Nobody Known", "No Such Song", 100000),
        ], "Streaming_History_Audio_2024.json")
        // Plays loaded first wait, and a later dump links them by name although their URIs are other ids.
        let first = try ingester.ingest(path: history)
        #expect(first.listens == 2 && first.listensMatched == 0)
        #expect(try ingester.ingest(path: spotifySample).listensLinked == 1)
        #expect(try warehouse.count("SELECT count(*) FROM v_listens WHERE track_id = '5SuOikwiRyPMVoIQDJUgSV' AND spotify_track_id = '1111111111111111111111'") == 1)
        // Loaded after the tracks, the play matches at once.
        var other = IngestOptions()
        other.listener = "bo"
        other.force = true
        let second = try ingester.ingest(path: history, options: other)
        #expect(second.listens == 2 && second.listensMatched == 1)
    }

    @Test func thePlayInBothKindsOfExportIsStoredOnceInEitherOrder() throws {
        let accountEntries = [
            account("2024-05-01 10:00", "GEN HOSHINO", "comedy", 230666),   // the extended play ends at 10:00:41
            account("2024-05-01 10:04", "Jason Mraz", "I'm Yours", 242000),  // 10:04:03, 600 ms apart
            account("2024-05-01 10:09", "Jason Mraz", "Lucky", 9000),       // 10:09:59, 4 s apart: another play
            account("2024-05-01 10:20", "Air Supply", "All Out Of Love", 199000), // only in account data
        ]
        let extendedEntries = [
            extended("2024-05-01T10:00:41Z", "spotify:track:5SuOikwiRyPMVoIQDJUgSV", "Gen Hoshino", "Comedy", 230666),
            extended("2024-05-01T10:04:03Z", "spotify:track:3S0OXQeoh0w6AY8WQVckRW", "Jason Mraz", "I'm Yours", 242600),
            extended("2024-05-01T10:09:59Z", "spotify:track:0IktbUcnAGrvD03AWnz3Q8", "Jason Mraz", "Lucky", 13000),
            extended("2024-05-01T10:11:00Z", "spotify:track:0IktbUcnAGrvD03AWnz3Q8", "Jason Mraz", "Lucky", 9000), // next minute
        ]
        for accountFirst in [true, false] {
            let warehouse = try temporaryWarehouse()
            let ingester = Ingester(warehouse: warehouse)
            let accountPath = try file(accountEntries, "StreamingHistory_music_0.json")
            let extendedPath = try file(extendedEntries, "Streaming_History_Audio_2024.json")
            let first = try ingester.ingest(path: accountFirst ? accountPath : extendedPath)
            let second = try ingester.ingest(path: accountFirst ? extendedPath : accountPath)
            #expect(first.listens == 4)
            #expect(second.listens == 2 && second.rowsDuplicate == 2)
            #expect(try warehouse.count("SELECT count(*) FROM v_listens") == 6)
            // Kept as the extended export gives it: to the second, with its URI.
            #expect(try warehouse.count("""
                SELECT count(*) FROM v_listens WHERE played_at IN ('2024-05-01T10:00:41Z', '2024-05-01T10:04:03Z')
                  AND played_at_precision = 'second' AND spotify_track_id IS NOT NULL
                """) == 2)
            #expect(try warehouse.count("SELECT count(*) FROM v_listens WHERE played_at_precision = 'minute'") == 2)
            #expect(try warehouse.count("SELECT count(*) FROM v_listens WHERE track_name = 'Lucky'") == 3)
            // The IP address of the extended export is stored nowhere.
            #expect(try warehouse.snapshot().values.allSatisfy { rows in rows.allSatisfy { !$0.joined().contains("203.0.113.9") } })
        }
    }

    @Test func theRuleWantsTheSameListenerSongAndMinute() throws {
        let minutePlay = Listen(listener: "me", playedAt: "2024-05-01T10:00:00Z", playedAtToTheMinute: true, msPlayed: 1000,
                                artistName: "Beyoncé", trackName: "Halo")
        let warehouse = try temporaryWarehouse()
        try warehouse.pool.write { db in
            try db.execute(sql: """
                INSERT INTO ingests (ingest_id, file_name, file_sha256, file_bytes, status, started_at) VALUES (1, 'x', 'x', 1, 'succeeded', 't');
                INSERT INTO listens (listener, played_at, played_at_precision, ms_played, song_key, artist_name, track_name, ingest_id) VALUES
                    ('me', '2024-05-01T10:00:59Z', 'second', 1900, 'a', 'BEYONCE', 'Halo (Live)', 1),
                    ('you', '2024-05-01T10:00:10Z', 'second', 1000, 'b', 'Beyoncé', 'Halo', 1),
                    ('me', '2024-05-01T10:01:00Z', 'second', 1000, 'c', 'Beyoncé', 'Halo', 1),
                    ('me', '2024-05-01T10:00:20Z', 'second', 1000, 'd', 'Beyoncé', 'Halo 2', 1),
                    ('me', '2024-05-01T10:00:30Z', 'minute', 1000, 'e', 'Beyoncé', 'Halo', 1);
                """)
        }
        // Only the first row is the same play: same listener, within the minute, same song, 900 ms apart.
        let found = try warehouse.pool.read { try PlayInBothExports.storedCounterpart($0, of: minutePlay) }
        #expect(found == 1)
        var far = minutePlay
        far.msPlayed = 3000
        #expect(try warehouse.pool.read { try PlayInBothExports.storedCounterpart($0, of: far) } == nil)
    }
}
