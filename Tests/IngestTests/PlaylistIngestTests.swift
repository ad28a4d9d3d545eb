import Foundation
import GRDB
import Testing
@testable import Ingest
@_spi(WarehouseSQL) import Store

let playlistSample = repositoryData.appendingPathComponent("samples/spotify_playlists_sample.csv").path

struct PlaylistIngestTests {
    // Expected figures computed independently from the sample with Python's csv module (14 whole playlists of
    // the TidyTuesday dump; see data/samples/make_playlist_sample.py).
    @Test func loadsEveryPlaylistAndMembershipOfTheRealSample() throws {
        let warehouse = try temporaryWarehouse()
        let report = try Ingester(warehouse: warehouse).ingest(path: playlistSample)
        #expect(report.rowsRead == 252)
        #expect(report.rowsRejected == 0)
        #expect(report.tracksNew == 202)
        #expect(report.playlists == 14)
        #expect(report.playlistTracks == 204)
        #expect(try warehouse.count("SELECT count(*) FROM playlists") == 14)
        #expect(try warehouse.count("SELECT count(*) FROM v_playlist_tracks") == 204)
        #expect(try warehouse.count("SELECT count(DISTINCT track_id) FROM v_playlist_tracks") == 202)
        let sizes = try warehouse.pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
                SELECT spotify_playlist_id, count(*) AS n FROM v_playlist_tracks GROUP BY playlist_id
                """).map { ($0[0] as String, $0[1] as Int) })
        }
        #expect(sizes == ["22XKr7O6bzSA5bHiwRCPNK": 13, "25ButZrVb1Zj1MJioMs09D": 61, "2d3oOPO0csDU40JyiGwFaF": 11,
                          "37i9dQZF1DWVskFRGurTfg": 41, "3kvwJXPULhSUalL6ykJbn5": 9, "4EKXjB5zlv2DpTS84h407H": 9,
                          "4sr2xEhXQR5VuZ0LZX8TQ8": 7, "5FhhmunkvwTAsGaiXpRHkJ": 7, "5XQopnmKZnE6RjR6NIzbPS": 13,
                          "63Y9Sk7Twusm6ZNssHxKaa": 13, "6Hbd65HmEAxTJ3cHZNUz2h": 9, "6HprqD6WZMx5peClrxaprN": 1,
                          "6dqoVI7qwYLyNqbg0MPad3": 7, "6pPpLz42hUkr8gbMirkAEl": 3])
        let members = try warehouse.pool.read { db in
            try String.fetchAll(db, sql: "SELECT track_id FROM v_playlist_tracks WHERE spotify_playlist_id = '22XKr7O6bzSA5bHiwRCPNK' ORDER BY position")
        }
        #expect(members == ["7rdtBpPpe4knfd7aD98h9X", "44OKaUDVpDynn3LWNIwqMO", "65PbE3qfKElGTcweQMmbzf", "6lxOK8iqm78PEN2bXcjSEK",
                            "1v0lDRJHo9mptTxoGFCQ7Y", "4N73fgEEennudER9hXnHOI", "4qg1esFGKNCCRYGVVNrIin", "5XI2EIihxzTlKLR4UUhedn",
                            "02AT1Z0nscuElXMWBEzEKu", "3FPiGFT19WRb4D0bZlw9PJ", "7dQC53NiYOY9gKg3Qsu2Bs", "36lkJSDyMEZoWTqtRj8Q8q",
                            "7xUVverKyPPPAW3sDqXhfi"])
        #expect(try warehouse.count("SELECT count(*) FROM v_playlist_tracks WHERE playlist_name = 'Michael Learns To Rock album'") == 13)
    }

    @Test func playlistGenresDescribeThePlaylistNotItsTracks() throws {
        let warehouse = try temporaryWarehouse()
        try Ingester(warehouse: warehouse).ingest(path: playlistSample)
        #expect(try warehouse.count("SELECT count(*) FROM track_genres") == 0)
        #expect(try warehouse.count("SELECT count(*) FROM genres") == 0)
        // The dump lists this playlist under two subgenres: it keeps both labels and holds each track once.
        let row = try #require(try warehouse.pool.read {
            try Row.fetchOne($0, sql: "SELECT genre, subgenre FROM playlists WHERE spotify_playlist_id = '25ButZrVb1Zj1MJioMs09D'")
        })
        #expect(row["genre"] as String == "edm")
        #expect(row["subgenre"] as String == "electro house;pop edm")
    }

    @Test func reloadingAPlaylistReplacesItsMembers() throws {
        let warehouse = try temporaryWarehouse()
        try Ingester(warehouse: warehouse).ingest(path: playlistSample)
        // A newer dump of one playlist: two of its thirteen tracks gone, the rest in reverse order.
        let lines = try String(contentsOfFile: playlistSample, encoding: .utf8).split(separator: "\n").map(String.init)
        let kept = lines.dropFirst().filter { $0.contains(",22XKr7O6bzSA5bHiwRCPNK,") }.dropFirst(2).reversed()
        let newer = try temporaryCSV(([lines[0]] + kept).joined(separator: "\n") + "\n")
        let report = try Ingester(warehouse: warehouse).ingest(path: newer)
        #expect(report.playlists == 1 && report.playlistTracks == 11)
        #expect(try warehouse.count("SELECT count(*) FROM v_playlist_tracks WHERE spotify_playlist_id = '22XKr7O6bzSA5bHiwRCPNK'") == 11)
        #expect(try warehouse.count("""
            SELECT position FROM v_playlist_tracks WHERE spotify_playlist_id = '22XKr7O6bzSA5bHiwRCPNK' AND track_id = '7xUVverKyPPPAW3sDqXhfi'
            """) == 1)
        #expect(try warehouse.count("SELECT count(*) FROM playlists") == 14)
        #expect(try warehouse.count("SELECT count(*) FROM v_playlist_tracks") == 202)
        #expect(try warehouse.count("SELECT count(*) FROM tracks") == 202)
    }

    @Test func aDumpWithoutPlaylistIdsStillTagsPlaylistGenreAsTheTrackGenre() throws {
        let warehouse = try temporaryWarehouse()
        let path = try temporaryCSV("track_id,track_name,track_artist,playlist_genre\n6f807x0ima9a1j3VPbc7VN,I Don't Care,Ed Sheeran,pop\n")
        try Ingester(warehouse: warehouse).ingest(path: path)
        #expect(try warehouse.count("SELECT count(*) FROM track_genres") == 1)
        #expect(try warehouse.count("SELECT count(*) FROM playlists") == 0)
    }
}

/// A dump that gives its playlist and album ids as links or URIs stores the bare ids (`SpotifyID`).
struct SpotifyLinkIDsIngestTests {
    @Test func playlistAndAlbumLinksAreStoredAsBareIDs() throws {
        let warehouse = try temporaryWarehouse()
        let playlist = "37i9dQZF1DWVskFRGurTfg", album = "2noRn2Aes5aoNVsU6iWThc"
        let csv = """
            track_id,track_name,track_artist,track_album_id,track_album_name,playlist_id,playlist_name
            4uLU6hMCjMI75M1A2tKUQC,First,Band A,https://open.spotify.com/album/\(album)?si=x1,One,https://open.spotify.com/playlist/\(playlist)?si=ab,Trip
            7ouMYWpwJ422jRcDASZB7P,Second,Band A,spotify:album:\(album),One,spotify:playlist:\(playlist),Trip
            """
        let report = try Ingester(warehouse: warehouse).ingest(path: try temporaryCSV(csv))
        #expect(report.rowsRejected == 0)
        let (playlists, albums) = try warehouse.pool.read { db in
            (try String.fetchAll(db, sql: "SELECT spotify_playlist_id FROM playlists"),
             try String.fetchAll(db, sql: "SELECT spotify_album_id FROM albums"))
        }
        #expect(playlists == [playlist])
        #expect(albums == [album])
        #expect(try warehouse.count("SELECT count(*) FROM v_playlist_tracks WHERE spotify_playlist_id = '\(playlist)'") == 2)
    }
}
