import Foundation
import GRDB
import Testing
@testable import Ingest
@_spi(WarehouseSQL) import Store

let kaggleFeaturesSample = repositoryData.appendingPathComponent("samples/kaggle/tracks_features.csv").path
let kaggleTracksSample = repositoryData.appendingPathComponent("samples/kaggle/tracks.csv").path
let kaggleArtistsSample = repositoryData.appendingPathComponent("samples/kaggle/artists.csv").path

/// Kaggle's "1.2M songs" and "600k tracks" dumps with its artists.csv (see data/samples/make_kaggle_samples.py).
struct KaggleIngestTests {
    @Test func recognisesTheLayoutsByTheirHeaders() throws {
        func layout(_ path: String) throws -> DumpLayout {
            let reader = try CSVReader(path: path)
            return DumpLayout(header: try #require(try reader.next()).fields)
        }
        #expect(try layout(kaggleFeaturesSample) == .kaggle12M)
        #expect(try layout(kaggleTracksSample) == .kaggle600k)
        #expect(try layout(kaggleArtistsSample) == .kaggle600kArtists)
        #expect(try layout(spotifySample) == .generic)
        #expect(try layout(roadTripExport) == .exportify)
        #expect(DumpLayout.kaggle600kArtists.vocabulary == "kaggle_600k_tracks")
    }

    @Test func loadsTheOnePointTwoMillionSongsLayoutWithArtistIds() throws {
        let warehouse = try temporaryWarehouse()
        let report = try Ingester(warehouse: warehouse).ingest(path: kaggleFeaturesSample)
        #expect(report.rowsRead == 6 && report.rowsAccepted == 5 && report.rowsRejected == 1 && report.tracksNew == 5)
        #expect(report.ignoredColumns == ["track_number", "disc_number"])
        let rejects = try warehouse.pool.read { try RejectEntry.fetch($0) }
        #expect(rejects.map(\.lineNumber) == [7])
        #expect(rejects.first?.reason.hasPrefix("missing track_id") == true)
        let lucky = try #require(try warehouse.pool.read {
            try Row.fetchOne($0, sql: "SELECT * FROM v_tracks WHERE track_id = '0IktbUcnAGrvD03AWnz3Q8'")
        })
        #expect(lucky["artists"] as String == "Jason Mraz;Colbie Caillat")
        #expect(lucky["album_name"] as String == "We Sing. We Dance. We Steal Things.")
        #expect(lucky["release_year"] as Int == 2008 && lucky["time_signature"] as Int == 4)
        #expect((lucky["popularity"] as Int?) == nil)
        #expect(try warehouse.count("SELECT count(*) FROM v_tracks WHERE artists = 'Guns N'' Roses' AND explicit = 0") == 1)
        #expect(try warehouse.count("SELECT explicit FROM tracks WHERE track_id = '1wsRitfRRtWyEapl0q22o8'") == 1)
        // `year 0, release_date 0000` is an unknown date, not an error.
        #expect(try warehouse.count("SELECT count(*) FROM tracks WHERE track_id = '6kRyu6Yvvt8oVD5zsWzvQs' AND release_year IS NULL") == 1)
        #expect(try warehouse.count("SELECT count(*) FROM popularity_observations") == 0)
        // Every credited artist keeps its Spotify id; one album holds both Rage Against The Machine tracks.
        #expect(try warehouse.count("SELECT count(*) FROM artists WHERE spotify_artist_id IS NOT NULL") == 5)
        #expect(try warehouse.count("SELECT count(*) FROM artists WHERE name = 'Colbie Caillat' AND spotify_artist_id = '6aZyMrc4doVtZyKNilOmwu'") == 1)
        #expect(try warehouse.count("SELECT count(*) FROM albums WHERE spotify_album_id = '2eia0myWFgoHuttJytCxgX'") == 1)
    }

    @Test func loadsTheSixHundredThousandTracksLayoutAndItsArtistList() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        let tracks = try ingester.ingest(path: kaggleTracksSample)
        #expect(tracks.rowsRead == 6 && tracks.rowsAccepted == 5 && tracks.rowsRejected == 1)
        // The `id` column is a track id column: its empty id is a reject that says why, never a derived jb- id.
        #expect(try warehouse.pool.read { try RejectEntry.fetch($0, ingestID: tracks.ingestID) }.map(\.reason)
                == ["missing track_id (the file has a track id column; derived jb- ids are only for dumps without one)"])
        #expect(try warehouse.count("SELECT count(*) FROM tracks WHERE id_is_derived = 1") == 0)
        #expect(try warehouse.count("SELECT count(*) FROM v_tracks WHERE artists = 'Tyler, The Creator;Kali Uchis' AND popularity = 86") == 1)
        #expect(try warehouse.count("SELECT count(*) FROM v_tracks WHERE release_date = '1922' AND release_year = 1922") == 1)

        let artists = try ingester.ingest(path: kaggleArtistsSample)
        #expect(artists.kind == .artists)
        #expect(artists.rowsRead == 9 && artists.rowsAccepted == 7 && artists.rowsRejected == 2)
        #expect(artists.artistsNew == 1 && artists.artistsLinked == 6 && artists.artistGenres == 16)
        // Genres describe the artists, labelled with the dump's vocabulary, and are no track's tags.
        #expect(try warehouse.count("SELECT count(*) FROM artist_genres WHERE vocabulary = 'kaggle_600k_tracks'") == 16)
        #expect(try warehouse.count("SELECT count(*) FROM track_genres") == 0)
        #expect(try warehouse.count("""
            SELECT count(*) FROM artist_genres ag JOIN artists a USING (artist_id)
            WHERE a.spotify_artist_id = '2d0hyoQ5ynDBnkvAbJKORj' AND ag.genre IN ('rap metal', 'nu metal') AND ag.merged = 0
            """) == 2)
        #expect(try warehouse.count("SELECT followers FROM artists WHERE name = 'Jason Mraz'") == 4_208_130)
        #expect(try warehouse.count("SELECT popularity FROM artists WHERE name = 'Kali Uchis'") == 83)
        #expect(try warehouse.count("SELECT count(*) FROM artists WHERE name = 'Kali Uchis' AND followers IS NULL") == 1)
        let reasons = try warehouse.pool.read { try RejectEntry.fetch($0, ingestID: artists.ingestID) }.map(\.reason)
        #expect(reasons == ["artist name 'Uli' is held by Spotify artist 45tIt06XoI0Iio4LBEVpls; the warehouse keeps one artist per name",
                            "id 'not-an-artist-id' is not a Spotify artist id"])
    }

    @Test func anArtistListLoadedBeforeItsTracksLinksTheSameArtists() throws {
        let warehouse = try temporaryWarehouse()
        let ingester = Ingester(warehouse: warehouse)
        let artists = try ingester.ingest(path: kaggleArtistsSample)
        #expect(artists.artistsNew == 7 && artists.rowsRejected == 2)
        try ingester.ingest(path: kaggleTracksSample)
        // The tracks' artists are the listed ones (same name, same id), not new rows.
        #expect(try warehouse.count("SELECT count(*) FROM artists") == 8)
        #expect(try warehouse.count("""
            SELECT count(*) FROM track_artists ta JOIN artists a USING (artist_id)
            WHERE ta.track_id = '7KA4W4McWYRpgf0fWsJZWB' AND a.popularity IS NOT NULL
            """) == 2)
        #expect(try warehouse.count("""
            SELECT count(*) FROM v_tracks t JOIN track_artists ta USING (track_id) JOIN artist_genres ag USING (artist_id)
            WHERE t.track_id = '7lmeHLHBe4nmXzuXc0HDjk'
            """) == 6)
        // Loading the 1.2M dump after: same track, same artist, and the ids agree.
        try ingester.ingest(path: kaggleFeaturesSample)
        #expect(try warehouse.count("SELECT count(*) FROM artists WHERE name = 'Rage Against The Machine'") == 1)
        #expect(try warehouse.count("SELECT count(*) FROM tracks WHERE track_id = '7lmeHLHBe4nmXzuXc0HDjk'") == 1)
    }

    @Test func splitsArtistIdsAndIgnoresListsThatAreNotIds() {
        #expect(RowParser.splitArtistIDs("['4phGZZrJZRo4ElhRtViYdl', '6aZyMrc4doVtZyKNilOmwu']") == ["4phGZZrJZRo4ElhRtViYdl", "6aZyMrc4doVtZyKNilOmwu"])
        #expect(RowParser.splitArtistIDs("spotify:artist:4phGZZrJZRo4ElhRtViYdl, spotify:artist:6aZyMrc4doVtZyKNilOmwu").count == 2)
        #expect(RowParser.splitArtistIDs("['4phGZZrJZRo4ElhRtViYdl', 'oops']") == [])
    }
}
