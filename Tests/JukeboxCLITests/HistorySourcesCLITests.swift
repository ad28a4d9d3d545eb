import Foundation
import Testing

/// `jukebox ingest --listener NAME FILE` with each service's history (data/samples/<format>), as a user runs it.
struct HistorySourcesCLITests {
    private func sample(_ path: String) -> String { repositoryRoot.appendingPathComponent("data/samples/" + path).path }

    @Test(arguments: [
        ("lastfm/scrobbles.csv", "9 entries: 7 stored (3 matched to a track, 4 unmatched, kept)",
         "0 duplicates, 0 podcast, 0 audiobook, 0 skipped by rule (zero-length or not a play), 0 incognito dropped, 2 rejected"),
        ("lastfm/lastfm-to-csv.csv", "4 entries: 3 stored (1 matched to a track, 2 unmatched, kept)",
         "0 duplicates, 0 podcast, 0 audiobook, 0 skipped by rule (zero-length or not a play), 0 incognito dropped, 1 rejected"),
        ("listenbrainz/listens.jsonl", "7 entries: 5 stored (1 matched to a track, 4 unmatched, kept)",
         "0 duplicates, 0 podcast, 0 audiobook, 0 skipped by rule (zero-length or not a play), 0 incognito dropped, 2 rejected"),
        ("maloja/maloja_export_2022_07_02_10_00_00.json", "5 entries: 3 stored (1 matched to a track, 2 unmatched, kept)",
         "0 duplicates, 0 podcast, 0 audiobook, 1 skipped by rule (zero-length or not a play), 0 incognito dropped, 1 rejected"),
        ("apple_music/Apple Music Play Activity.csv", "6 entries: 3 stored (1 matched to a track, 2 unmatched, kept)",
         "0 duplicates, 0 podcast, 0 audiobook, 2 skipped by rule (zero-length or not a play), 0 incognito dropped, 1 rejected"),
    ])
    func eachHistoryLoadsThroughTheBinaryAndAccountsForEveryEntry(file: String, stored: String, rest: String) throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        #expect(try jukebox(["ingest", "--db", db, sampleSpotify]).status == 0)
        let result = try jukebox(["ingest", "--db", db, "--listener", "ana", sample(file)])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("(listening history)\n  " + stored + "\n  " + rest + "\n"), "\(result.stdout)")
        let json = try jukebox(["ingest", "--db", db, "--listener", "ana", "--force", "--format", "json", sample(file)])
        #expect(json.stdout.contains("\"entries\""), "\(json.stdout)")
        let outcomes = try jukebox(["sql", "--db", db, "--format", "csv",
                                    "SELECT sum(entries) FROM ingest_entry_outcomes WHERE ingest_id = 2"])
        #expect(outcomes.stdout.split(separator: "\n").last.map(String.init) == stored.split(separator: " ").first.map(String.init))
    }

    @Test func theSamePlaysFromSpotifyAndLastfmAreCountedOnce() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        let spotify = try jukebox(["ingest", "--db", db, "--listener", "ana", sample("history/Streaming_History_Audio_2023.json")])
        #expect(spotify.status == 0, "\(spotify.stderr)")
        let lastfm = try jukebox(["ingest", "--db", db, "--listener", "ana", sample("lastfm/scrobbles.csv")])
        #expect(lastfm.stdout.contains("5 duplicates (a copy kept: 5 of spotify_extended)"), "\(lastfm.stdout)")
        let plays = try jukebox(["sql", "--db", db, "--format", "csv", "SELECT count(*) FROM v_listens WHERE listener = 'ana'"])
        #expect(plays.stdout.hasSuffix("10\n"), "\(plays.stdout)")   // 8 Spotify plays and Last.fm's 2 own
    }

    @Test func aListenBrainzExportZipLoadsItsListens() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        let result = try jukebox(["ingest", "--db", db, "--listener", "ana", sample("listenbrainz/listenbrainz_export.zip")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("listenbrainz_export.zip/listens/2023/3.jsonl: loaded"))
        #expect(result.stdout.contains("2 other entries skipped (not listening histories by their names, or folders): feedback.jsonl, user.json"))
    }

    /// With --listener, a track dump is no history: an error naming what a history can be, and nothing loaded.
    @Test func withAListenerATrackDumpIsAnErrorNamingTheFormats() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        let result = try jukebox(["ingest", "--db", db, "--listener", "ana", sampleTopHits])
        #expect(result.status != 0)
        #expect(result.stderr.contains("is not a listening history (--listener was given): it could be a Spotify streaming history"))
        #expect(result.stderr.contains("Last.fm scrobble export") && result.stderr.contains("ListenBrainz")
                && result.stderr.contains("Maloja") && result.stderr.contains("Apple Music Play Activity.csv"))
        let tracks = try jukebox(["sql", "--db", db, "--format", "csv", "SELECT count(*) FROM tracks"])
        #expect(tracks.stdout.hasSuffix("0\n"), "\(tracks.stdout)")
    }
}
