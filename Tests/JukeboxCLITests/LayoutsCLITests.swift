import Foundation
import Testing

/// `jukebox ingest` of the layouts told apart by content: Kaggle's artist list and a Million Playlist Dataset slice.
struct LayoutsCLITests {
    @Test func ingestsAnArtistListAndAPlaylistSliceWithNoOptions() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        let samples = repositoryRoot.appendingPathComponent("data/samples")
        let text = try jukebox(["ingest", "--db", db, samples.appendingPathComponent("kaggle/tracks.csv").path,
                                samples.appendingPathComponent("kaggle/artists.csv").path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("artists.csv: loaded as ingest 2 (artist list)\n  9 rows read: 7 accepted, 2 rejected\n"
                                     + "  1 new artists, 6 linked by Spotify id or name, 16 artist genre tags\n"))
        let json = try jukebox(["ingest", "--db", db, "--format", "json", samples.appendingPathComponent("mpd/mpd.slice.0-2.json").path])
        #expect(json.status == 0, "\(json.stderr)")
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 1)
        #expect(reports[0]["playlists"] as? Int == 3 && reports[0]["playlist_tracks"] as? Int == 8 && reports[0]["rows_rejected"] as? Int == 1)
        let members = try jukebox(["sql", "--db", db, "SELECT count(*) AS n FROM v_playlist_tracks WHERE playlist_name = 'Throwbacks'"])
        #expect(members.stdout == "n\n3\n")
    }
}
