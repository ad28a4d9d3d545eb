import Foundation
import Testing

/// `jukebox tour`: loads, trains what is stale, and shows answers the other commands give.
struct TourCLITests {
    private func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    @Test func aFirstRunLoadsTrainsAndShowsWhatTheOtherCommandsAnswer() throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        let tour = try jukebox(["tour", "--db", db, sampleSpotify, sampleTopHits])
        #expect(tour.status == 0, "\(tour.stderr)")
        let out = lines(tour.stdout)
        #expect(out.contains("  \(sampleSpotify): ingest 1, 192 rows: 191 accepted, 1 rejected; 158 new tracks"), "\(tour.stdout)")
        #expect(out.contains("  \(sampleTopHits): ingest 2, 144 rows: 144 accepted, 0 rejected; 141 new tracks"))
        for task in ["genre (full)", "genre (audio)", "popularity (full)", "popularity (audio)", "clusters (audio)", "neighbours (audio)"] {
            #expect(out.contains { $0.hasPrefix("  \(task): refit as run ") && $0.hasSuffix(": there is no champion") }, "\(task)")
        }
        #expect(out.contains("  299 tracks (299 with audio features) by 184 artists, 135 albums, 27 genres, from 2 ingest(s)"))

        // Each champion's holdout figure is the one `models` stores.
        let models = lines(try jukebox(["models", "--db", db, "--format", "csv"]).stdout)
        let header = models[0].split(separator: ",").map(String.init)
        let genreFull = try #require(models.dropFirst().map { $0.split(separator: ",").map(String.init) }
            .first { $0[header.firstIndex(of: "task")!] == "genre" && $0[header.firstIndex(of: "features")!] == "full" })
        let show = try jukebox(["models", "show", genreFull[0], "--db", db, "--format", "json"])
        let metrics = try #require((try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])?["metrics"] as? [String: Any])
        let accuracy = try #require(metrics["accuracy"] as? Double)
        #expect(out.contains { $0.hasPrefix("  genre (full), run \(genreFull[0]): the top genre is right for \(String(format: "%.1f%%", accuracy * 100)) of ") })

        // The example is what `explain` and `recommend` answer for the same track.
        let explainLine = try #require(out.first { $0.hasPrefix("A genre prediction, with its evidence (`jukebox explain --db ") })
        let trackID = String(try #require(explainLine.split(separator: " ").last).dropLast(2))
        let explain = try JSONSerialization.jsonObject(with: Data(try jukebox(["explain", "--db", db, trackID, "--format", "json"]).stdout.utf8)) as! [String: Any]
        let predicted = (explain["predicted_genres"] as! [[String: Any]]).map { "\($0["genre"] as! String) \(String(format: "%.1f%%", ($0["probability"] as! Double) * 100))" }
        #expect(out.contains { $0.contains("a holdout track: predicted " + predicted.joined(separator: ", ") + " by the full model") }, "\(predicted)")
        let recommended = lines(try jukebox(["recommend", "--db", db, trackID, "-c", "3", "--format", "csv"]).stdout).dropFirst()
        #expect(recommended.count == 3)
        for (rank, row) in recommended.enumerated() {
            let name = row.split(separator: ",")[2]
            #expect(out.contains { $0.hasPrefix("  \(rank + 1). ") && $0.hasSuffix(" - \(name)") }, "\(row)")
        }
        // The trend is one of `trends --compare`'s rows.
        let trendLine = try #require(out.first { $0.hasPrefix("A trend (`jukebox trends --db ") })
        #expect(trendLine.hasSuffix("--by decade --compare 1990s 2000s`)"))
        let compared = lines(try jukebox(["trends", "--db", db, "--by", "decade", "--compare", "1990s", "2000s", "--format", "csv"]).stdout)
        let trend = try #require(out.first { $0.hasPrefix("  From the 1990s") })
        let moved = try #require(trend.firstMatch(of: #/^  From the 1990s \((\d+) tracks with a release year\) to the 2000s \((\d+)\), (\w+) moved most: /#))
        #expect(compared.contains { $0.hasPrefix("\(moved.3),1990s,\(moved.1),") && $0.contains(",2000s,\(moved.2),") }, "\(trend)")
        #expect(out.contains("  jukebox serve --db '\(db)'    # the web app, at http://127.0.0.1:8080"))
    }

    @Test func aSecondRunReusesWhatIsThere() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        #expect(try jukebox(["tour", "--db", db, sampleSpotify, sampleTopHits]).status == 0)
        let runs = try jukebox(["sql", "--db", db, "SELECT count(*) FROM model_runs", "--format", "csv"]).stdout
        let again = try jukebox(["tour", "--db", db, sampleSpotify, sampleTopHits])
        #expect(again.status == 0, "\(again.stderr)")
        let out = lines(again.stdout)
        #expect(out.contains("  \(sampleSpotify): already loaded as ingest 1"))
        #expect(out.contains("  \(sampleTopHits): already loaded as ingest 2"))
        #expect(out.contains("  nothing to do: every champion has been trained on the newest data"))
        #expect(try jukebox(["sql", "--db", db, "SELECT count(*) FROM model_runs", "--format", "csv"]).stdout == runs)
        #expect(runs == "count(*)\n6\n")
    }

    @Test func withoutFilesItNeedsTheBundledDumps() throws {
        let folder = try temporaryFolder()
        let result = try jukebox(["tour"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "jukebox: error: data/spotify_tracks.csv not found: run `jukebox tour` from the repository's folder, or name the dumps to load\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
