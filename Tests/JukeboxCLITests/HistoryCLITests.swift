import Foundation
import Testing

/// `jukebox recommend --history FILE` with a dump as the history, and with a long list of unknown titles.
struct HistoryCLITests {
    private func sampleWarehouse() throws -> String {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        let ingest = try jukebox(["ingest", "--db", db, sampleSpotify, sampleTopHits])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return db
    }

    /// pandas' `to_csv` writes an unnamed index column first (`,track_id,artists,...`): the history is still that
    /// CSV, read by its track_id column, quoted commas and all.
    @Test func aHistoryDumpWithAnUnnamedIndexColumnResolvesItsTrackIDs() throws {
        let db = try sampleWarehouse()
        let history = try temporaryFolder().appendingPathComponent("history.csv")
        try Data("""
            ,track_id,artists,track_name,plays
            0,5SuOikwiRyPMVoIQDJUgSV,Gen Hoshino,"Comedy, the song",3
            1,4qPNDBW1i3p13qLCt0Ki3A,Ben Woodward,Ghost - Acoustic,1

            """.utf8).write(to: history)
        let result = try jukebox(["recommend", "--db", db, "--history", history.path, "-c", "3", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("matched no track"), "\(result.stderr)")
        // The seeds never come back, so the ids were read.
        #expect(result.stdout.split(separator: "\n").count == 4)
        #expect(!result.stdout.contains("5SuOikwiRyPMVoIQDJUgSV") && !result.stdout.contains("4qPNDBW1i3p13qLCt0Ki3A"))
    }

    /// A Spotify export is read directly: its played songs seed the profile and never come back.
    @Test func aSpotifyExportIsAHistory() throws {
        let db = try sampleWarehouse()
        let export = repositoryRoot.appendingPathComponent("data/samples/history/Streaming_History_Audio_2023.json").path
        let result = try jukebox(["recommend", "--db", db, "--history", export, "-c", "3", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 4)
        // Comedy was played through: a seed, so it does not come back.
        #expect(!result.stdout.contains("5SuOikwiRyPMVoIQDJUgSV"))
        let csv = try jukebox(["recommend", "--db", db, "--history", "/nonexistent/StreamingHistory_music_0.json"])
        #expect(csv.status != 0)
    }

    /// Thousands of lines that match nothing are matched against maps built once, not a query and a near-miss
    /// scan per line (the speed is a bench figure, not a test's: tests never bound wall-clock time).
    @Test func aLongHistoryOfUnknownTitlesResolves() throws {
        let db = try sampleWarehouse()
        let history = try temporaryFolder().appendingPathComponent("liked.txt")
        let unknown = (0..<3000).map { "Unknown Artist \($0) - No Such Song \($0)" }
        try Data((["Gen Hoshino - Comedy"] + unknown).joined(separator: "\n").utf8).write(to: history)
        let result = try jukebox(["recommend", "--db", db, "--history", history.path, "-c", "3", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("3000 line(s) matched no track"))
        #expect(result.stdout.split(separator: "\n").count == 4)
        #expect(!result.stdout.contains("5SuOikwiRyPMVoIQDJUgSV"))
    }
}

/// `jukebox recommend --listener NAME` on a history loaded with `ingest --listener`.
struct ListenerRecommendCLITests {
    @Test func recommendsForALoadedListenerNeverAPlayedTrackAndNamesThePlays() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        let history = repositoryRoot.appendingPathComponent("data/samples/history/Streaming_History_Audio_2023.json")
        let ingest = try jukebox(["ingest", "--db", db, sampleSpotify, sampleTopHits])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let listen = try jukebox(["ingest", "--db", db, "--listener", "anna", history.path])
        #expect(listen.status == 0, "\(listen.stderr)")
        let result = try jukebox(["recommend", "--db", db, "--listener", "anna", "-c", "5", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "rank,track_id,track_name,artists,genres,popularity,score,distance,reason")
        #expect(lines.count == 6)
        #expect(result.stdout.contains("you played "))
        #expect(result.stderr.contains("for anna: 8 plays"), "\(result.stderr)")
        let played = try JSONSerialization.jsonObject(with: Data(contentsOf: history)) as! [[String: Any]]
        for uri in played.compactMap({ $0["spotify_track_uri"] as? String }) {
            #expect(!result.stdout.contains(uri.replacingOccurrences(of: "spotify:track:", with: "")))
        }
        let unknown = try jukebox(["recommend", "--db", db, "--listener", "ana"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no listener 'ana' in the warehouse; did you mean 'anna'?"), "\(unknown.stderr)")
    }

    @Test func trendsForAListenerByMonthAndComparingTwoWeekdays() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        let history = repositoryRoot.appendingPathComponent("data/samples/history/Streaming_History_Audio_2023.json")
        #expect(try jukebox(["ingest", "--db", db, sampleSpotify]).status == 0)
        #expect(try jukebox(["ingest", "--db", db, "--listener", "anna", history.path]).status == 0)
        let months = try jukebox(["trends", "--db", db, "--listener", "anna", "--format", "csv"])
        #expect(months.status == 0, "\(months.stderr)")
        let lines = months.stdout.split(separator: "\n")
        #expect(lines.first == "month,plays,minutes,skips,artists,new_artists,discovery,valence,energy,audio_coverage,top_artists,top_genres")
        #expect(lines.count == 2 && lines[1].hasPrefix("2023-03,8,"))
        let compared = try jukebox(["trends", "--db", db, "--listener", "anna", "--compare", "Wed", "Sat", "--format", "csv"])
        #expect(compared.status == 0, "\(compared.stderr)")
        #expect(compared.stdout.hasPrefix("measure,Wed,Sat,difference\nplays,"))
        let wrong = try jukebox(["trends", "--db", db, "--listener", "anna", "--by", "decade"])
        #expect(wrong.status != 0 && wrong.stderr.contains("with --listener, --by must be one of month, year, weekday, hour"))
    }
}

/// `train all` writes every playlist's continuation back; `retrain` leaves it when nothing changed.
struct PlaylistRecommendationsCLITests {
    @Test func trainAllWritesTheContinuationsRecommendPlaylistGives() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        let playlists = repositoryRoot.appendingPathComponent("data/samples/spotify_playlists_sample.csv").path
        #expect(try jukebox(["ingest", "--db", db, sampleSpotify, playlists]).status == 0)
        let train = try jukebox(["train", "--db", db, "all", "--clusters", "4", "--genre-rounds", "3"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stderr.contains(" playlist recommendations run 1: ") && !train.stdout.contains("playlist"), "\(train.stdout)")
        let stored = try jukebox(["sql", "--db", db, "--format", "csv",
                                  "SELECT track_id FROM v_playlist_recommendations WHERE playlist_name = 'Permanent Wave' ORDER BY rank"])
        let live = try jukebox(["recommend", "--db", db, "--playlist", "Permanent Wave", "--format", "csv"])
        let liveIDs = live.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[2] }
        #expect(stored.stdout.split(separator: "\n").dropFirst() == liveIDs[...] && liveIDs.count == 10)
        let retrain = try jukebox(["retrain", "--db", db])
        #expect(retrain.status == 0 && retrain.stderr.contains("Z nothing stale"), "\(retrain.stdout) \(retrain.stderr)")
    }
}
