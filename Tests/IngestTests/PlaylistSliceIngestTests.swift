import Foundation
import GRDB
import Testing
@testable import Ingest
@_spi(WarehouseSQL) import Store

let mpdSample = repositoryData.appendingPathComponent("samples/mpd/mpd.slice.0-2.json").path

/// Million Playlist Dataset slices (see data/samples/make_mpd_sample.py).
struct PlaylistSliceIngestTests {
    @Test func loadsTracksPlaylistsAndPositionsOfASlice() throws {
        let warehouse = try temporaryWarehouse()
        let report = try Ingester(warehouse: warehouse).ingest(path: mpdSample)
        #expect(report.rowsRead == 10 && report.rowsAccepted == 9 && report.rowsRejected == 1 && report.rowsDuplicate == 1)
        #expect(report.tracksNew == 7 && report.playlists == 3 && report.playlistTracks == 8)
        let members = try warehouse.pool.read {
            try Row.fetchAll($0, sql: "SELECT playlist_name, position, track_id FROM v_playlist_tracks ORDER BY playlist_id, position")
        }
        #expect(members.map { "\($0["playlist_name"] as String) \($0["position"] as Int)" } == [
            "Throwbacks 1", "Throwbacks 2", "Throwbacks 3", "chill 1", "chill 3", "chill 4", "J-Pop 1", "J-Pop 2",
        ])
        #expect(members[4]["track_id"] as String == "0IktbUcnAGrvD03AWnz3Q8")
        #expect(try warehouse.count("SELECT count(*) FROM playlists WHERE playlist_key = 'mpd:1' AND name = 'chill'") == 1)
        // Metadata only: no audio, no popularity; the lead artist with its Spotify id, the album by its id.
        #expect(try warehouse.count("SELECT count(*) FROM v_tracks WHERE danceability IS NULL AND popularity IS NULL") == 7)
        #expect(try warehouse.count("""
            SELECT count(*) FROM v_tracks t JOIN tracks USING (track_id) JOIN albums al USING (album_id)
            WHERE t.track_id = '0G21yYKMZoHa30cYVi1iA8' AND t.artists = 'Guns N'' Roses' AND t.duration_ms = 271333
              AND al.spotify_album_id = '28yHV3Gdg30AiB8h8em1eW' AND t.album_name = 'Appetite For Destruction'
            """) == 1)
        #expect(try warehouse.count("SELECT count(*) FROM artists WHERE name = 'Jason Mraz' AND spotify_artist_id = '4phGZZrJZRo4ElhRtViYdl'") == 1)
        let rejects = try warehouse.pool.read { try RejectEntry.fetch($0) }
        #expect(rejects.map(\.lineNumber) == [81])
        #expect(rejects.first?.reason.hasPrefix("track_uri 'spotify:local:") == true)
        #expect(rejects.first?.rawLine.contains("\"track_name\":\"Demo Song\"") == true)
    }

    @Test func aTrackTheWarehouseHoldsKeepsItsCreditsAndReloadingReplacesMembers() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        try ingester.ingest(path: roadTripExport)
        let report = try ingester.ingest(path: mpdSample)
        #expect(report.tracksNew == 5)
        // The slice credits the lead artist only: the export's two artists stay.
        #expect(try warehouse.count("SELECT count(*) FROM v_tracks WHERE track_id = '0IktbUcnAGrvD03AWnz3Q8' AND artists = 'Jason Mraz;Colbie Caillat'") == 1)

        let again = try String(contentsOfFile: mpdSample, encoding: .utf8)
        let newer = """
            {"info": {"slice": "1-1"}, "playlists": [{"pid": 1, "name": "chill (new)", "collaborative": "false", "tracks": [
                {"pos": 0, "track_uri": "spotify:track:5SuOikwiRyPMVoIQDJUgSV", "track_name": "Comedy", "artist_name": "Gen Hoshino",
                 "artist_uri": "spotify:artist:1S2S00lgLYLGHWA44qGEUs", "album_uri": "spotify:album:7fdVN8qPGb4S0Xd6MpRNbY",
                 "album_name": "Comedy", "duration_ms": 230666}]},
                {"pid": 2, "name": "J-Pop", "collaborative": "false", "tracks": []}]}
            """
        #expect(again.hasPrefix("{"))
        let reload = try ingester.ingest(path: try temporaryCSV(newer, name: "mpd.slice.1-1.json"))
        #expect(reload.playlists == 2 && reload.playlistTracks == 1 && reload.tracksNew == 0)
        // A playlist listed with no tracks is now empty.
        #expect(try warehouse.count("SELECT count(*) FROM playlist_tracks pt JOIN playlists p USING (playlist_id) WHERE p.playlist_key = 'mpd:2'") == 0)
        #expect(try warehouse.count("SELECT count(*) FROM v_playlist_tracks WHERE playlist_name = 'chill (new)'") == 1)
        #expect(try warehouse.count("SELECT count(*) FROM v_playlist_tracks WHERE playlist_name = 'chill'") == 0)
        #expect(try warehouse.count("SELECT count(*) FROM playlist_tracks") == 3 + 8 - 3 + 1 - 2)
        // The same slice again is a no-op.
        #expect(try ingester.ingest(path: mpdSample).outcome == .alreadyLoaded)
    }

    @Test func aJSONObjectThatIsNoSliceIsAClearErrorAndLeavesNoData() throws {
        let warehouse = try temporaryWarehouse()
        let path = try temporaryCSV("{\"playlists\": 3}", name: "other.json")
        #expect(throws: IngestError.self) { try Ingester(warehouse: warehouse).ingest(path: path) }
        #expect(try warehouse.count("SELECT count(*) FROM tracks") == 0)
        #expect(try warehouse.count("SELECT count(*) FROM ingests") == 0)
    }
}
