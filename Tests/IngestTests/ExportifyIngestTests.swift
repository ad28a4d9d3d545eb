import Foundation
import GRDB
import Testing
@testable import Ingest
@_spi(WarehouseSQL) import Store

let roadTripExport = repositoryData.appendingPathComponent("samples/exportify/Road Trip.csv").path
let chillMixExport = repositoryData.appendingPathComponent("samples/exportify/Chill Mix.csv").path

/// Both Exportify layouts (see data/samples/make_exportify_samples.py).
struct ExportifyIngestTests {
    @Test func loadsTheLayoutWithAByteOrderMarkAndGenresAsAPlaylist() throws {
        let warehouse = try temporaryWarehouse()
        let report = try Ingester(warehouse: warehouse).ingest(path: roadTripExport)
        #expect(report.rowsRead == 5 && report.rowsAccepted == 3 && report.rowsRejected == 2)
        #expect(report.playlists == 1 && report.playlistTracks == 3)
        let members = try warehouse.pool.read {
            try Row.fetchAll($0, sql: "SELECT playlist_name, position, track_id, added_at FROM v_playlist_tracks ORDER BY position")
        }
        #expect(members.map { $0["playlist_name"] as String } == ["Road Trip", "Road Trip", "Road Trip"])
        #expect(members.map { $0["track_id"] as String } == ["5SuOikwiRyPMVoIQDJUgSV", "0IktbUcnAGrvD03AWnz3Q8", "7rdtBpPpe4knfd7aD98h9X"])
        #expect(members[1]["added_at"] as String == "2025-02-14T09:30:00Z")
        // Artists' genres are the artists', never the track's tags.
        #expect(try warehouse.count("SELECT count(*) FROM track_genres") == 0)
        #expect(try warehouse.count("SELECT count(*) FROM artist_genres") == 8)
        #expect(try warehouse.count("""
            SELECT count(*) FROM artist_genres ag JOIN artists a USING (artist_id)
            WHERE a.name = 'Jason Mraz' AND ag.merged = 1 AND ag.vocabulary = 'exportify'
            """) == 4)
        #expect(try warehouse.count("SELECT artists = 'Jason Mraz;Colbie Caillat' FROM v_tracks WHERE track_id = '0IktbUcnAGrvD03AWnz3Q8'") == 1)
        // Rows exported without audio load with their features NULL.
        #expect(try warehouse.count("SELECT count(*) FROM audio_features") == 1)
        #expect(try warehouse.count("SELECT count(*) FROM v_tracks WHERE danceability IS NULL") == 2)
        let rejects = try warehouse.pool.read { try RejectEntry.fetch($0) }
        #expect(rejects.map(\.lineNumber) == [5, 6])
        #expect(rejects[0].reason == "missing track_id (the file has a track id column; derived jb- ids are only for dumps without one)")
        #expect(rejects[1].reason.hasPrefix("track_id 'spotify:local:"))
        #expect(try warehouse.count("SELECT count(*) FROM tracks WHERE id_is_derived = 1") == 0)
    }

    @Test func loadsTheQuotedLayoutWithURIsAndArtistGenres() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        try ingester.ingest(path: roadTripExport)
        var options = IngestOptions()
        options.playlistName = "Evening"
        let report = try ingester.ingest(path: chillMixExport, options: options)
        #expect(report.rowsRead == 4 && report.rowsAccepted == 3 && report.rowsRejected == 1)
        #expect(try warehouse.count("SELECT count(*) FROM v_playlist_tracks WHERE playlist_name = 'Evening'") == 3)
        #expect(try warehouse.count("SELECT count(*) FROM playlists") == 2)
        #expect(try warehouse.count("""
            SELECT count(*) FROM tracks t JOIN albums al USING (album_id)
            WHERE t.track_id = '3S0OXQeoh0w6AY8WQVckRW' AND al.spotify_album_id = '04G0YylSjvDQZrjOfE5jA5'
            """) == 1)
        #expect(try warehouse.count("SELECT artists = 'Major Lazer;J Balvin;El Alfa' FROM v_tracks WHERE track_id = '1sviDBcAqVOxMXq4xITVEs'") == 1)
        // A single-artist track confirms three of Jason Mraz's genres; the fourth stays merged from a duet.
        #expect(try warehouse.count("SELECT count(*) FROM artist_genres") == 15)
        #expect(try warehouse.count("""
            SELECT count(*) FROM artist_genres ag JOIN artists a USING (artist_id) WHERE a.name = 'Jason Mraz' AND ag.merged = 0
            """) == 3)
        #expect(try warehouse.count("SELECT count(*) FROM track_genres") == 0)
    }

    /// An every-field-quoted export (watsonbox layout) of tracks the warehouse already has, now with Spotify album ids:
    /// each track's album gains the id in place (no second row of the same name), and no album or artist is left
    /// without tracks, then or after the first dump is loaded again.
    @Test func knownTracksGainingAnAlbumIdKeepOneAlbumRowAndLeaveNoOrphans() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        try ingester.ingest(path: spotifySample)
        let albums = try warehouse.count("SELECT count(*) FROM albums")
        let tracks = try warehouse.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT track_id, track_name, artists, album_name, duration_ms, explicit, popularity FROM v_tracks
                WHERE album_name IS NOT NULL AND instr(artists, ',') = 0 ORDER BY track_id LIMIT 40
                """)
        }
        #expect(tracks.count == 40)
        // One made-up Spotify album id per album the warehouse keys by name and lead artist.
        var albumIDs: [String: String] = [:]
        func quoted(_ fields: [String]) -> String { fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") }
        var lines = [quoted(["Track URI", "Track Name", "Artist URI(s)", "Artist Name(s)", "Album URI", "Album Name", "Album Artist URI(s)",
                             "Album Artist Name(s)", "Album Release Date", "Album Image URL", "Disc Number", "Track Number",
                             "Track Duration (ms)", "Track Preview URL", "Explicit", "Popularity", "ISRC", "Added By", "Added At", "Artist Genres"])]
        for (n, row) in tracks.enumerated() {
            let artists = (row["artists"] as String).split(separator: ";").map(String.init)
            let album: String = row["album_name"]
            let albumKey = album + "\u{1F}" + artists[0]
            let albumID = albumIDs[albumKey] ?? String(format: "ALBUM%017d", albumIDs.count)
            albumIDs[albumKey] = albumID
            lines.append(quoted(["spotify:track:" + (row["track_id"] as String), row["track_name"], "", artists.joined(separator: ","),
                                 "spotify:album:" + albumID, album, "", artists[0], "2020-01-01", "", "1", String(n + 1),
                                 String(row["duration_ms"] as Int), "", (row["explicit"] as Bool) ? "true" : "false",
                                 String(row["popularity"] as Int), "", "spotify:user:jukeboxdemo", "2024-11-30T21:00:05Z", ""]))
        }
        let export = FileManager.default.temporaryDirectory.appendingPathComponent("Known Tracks \(UUID().uuidString).csv")
        try Data((lines.joined(separator: "\r\n") + "\r\n").utf8).write(to: export)
        let report = try ingester.ingest(path: export.path)
        #expect(report.rowsAccepted == 40 && report.tracksNew == 0)

        let orphanAlbums = "SELECT count(*) FROM albums al WHERE NOT EXISTS (SELECT 1 FROM tracks t WHERE t.album_id = al.album_id)"
        let orphanArtists = """
            SELECT count(*) FROM artists a WHERE NOT EXISTS (SELECT 1 FROM track_artists ta WHERE ta.artist_id = a.artist_id)
            AND NOT EXISTS (SELECT 1 FROM artist_genres ag WHERE ag.artist_id = a.artist_id)
            """
        #expect(try warehouse.count(orphanAlbums) == 0)
        #expect(try warehouse.count(orphanArtists) == 0)
        #expect(try warehouse.count("SELECT count(*) FROM albums") == albums)
        #expect(try warehouse.count("SELECT count(*) FROM albums WHERE spotify_album_id LIKE 'ALBUM%' AND album_key = 'spotify:' || spotify_album_id")
                == albumIDs.count)
        #expect(try warehouse.count("""
            SELECT count(*) FROM tracks t JOIN albums al USING (album_id) WHERE al.spotify_album_id LIKE 'ALBUM%'
            """) >= tracks.count)

        // The first dump again (no album ids): its tracks keep the albums that now have one.
        var force = IngestOptions()
        force.force = true
        try ingester.ingest(path: spotifySample, options: force)
        #expect(try warehouse.count(orphanAlbums) == 0)
        #expect(try warehouse.count(orphanArtists) == 0)
        #expect(try warehouse.count("SELECT count(*) FROM albums") == albums)
        #expect(try warehouse.count("SELECT count(*) FROM albums WHERE spotify_album_id LIKE 'ALBUM%'") == albumIDs.count)
    }

    @Test func splitsExportifyNamesOnUnescapedCommas() {
        #expect(RowParser.splitExportifyNames("Tyler\\, The Creator, Kali Uchis") == ["Tyler, The Creator", "Kali Uchis"])
        #expect(RowParser.splitExportifyNames("Jason Mraz,Colbie Caillat") == ["Jason Mraz", "Colbie Caillat"])
    }

    @Test func anIdColumnWithAnEmptyIdIsARejectNotADerivedId() throws {
        let warehouse = try temporaryWarehouse()
        let path = try temporaryCSV("track_id,track_name,artists\n,Song,Someone\n5SuOikwiRyPMVoIQDJUgSV,Comedy,Gen Hoshino\n")
        let report = try Ingester(warehouse: warehouse).ingest(path: path)
        #expect(report.rowsRejected == 1 && report.tracksNew == 1)
        #expect(try warehouse.count("SELECT count(*) FROM tracks WHERE track_id LIKE 'jb-%'") == 0)
    }
}
