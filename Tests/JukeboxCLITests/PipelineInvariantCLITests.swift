import Foundation
import Testing

/// One answer per track, whichever path asks: the champion views, `explain`, `predict` on a file, and what
/// `ingest` + `retrain` write back for it, on the real samples through the built binary.
struct PipelineInvariantCLITests {
    private func trainedWarehouse() throws -> String {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        #expect(try jukebox(["ingest", "--db", db, sampleSpotify, sampleTopHits]).status == 0)
        let train = try jukebox(["train", "--db", db, "--genre-rounds", "5", "--clusters", "3", "--neighbours", "5"])
        #expect(train.status == 0, "\(train.stderr)")
        return db
    }

    private func json(_ result: CLIResult) throws -> Any {
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    private func rows(_ db: String, _ sql: String) throws -> [[String: Any]] {
        try json(try jukebox(["sql", "--db", db, sql, "--format", "json"])) as? [[String: Any]] ?? []
    }

    /// One track's answer as `explain --format json` gives it.
    private func explained(_ db: String, _ trackID: String) throws -> (genres: [(String, Double)], genreModel: String?, popularity: Double?, popularityModel: String?) {
        let e = try json(try jukebox(["explain", "--db", db, trackID, "--format", "json"])) as? [String: Any] ?? [:]
        let genres = (e["predicted_genres"] as? [[String: Any]] ?? []).map { ($0["genre"] as? String ?? "", $0["probability"] as? Double ?? .nan) }
        return (genres, e["genre_model"] as? String, e["predicted_popularity"] as? Double, e["popularity_model"] as? String)
    }

    /// The top-3 genres of a row of `v_genre_predictions` or of `predict`'s output.
    private func topGenres(_ row: [String: Any]) -> [(String, Double)] {
        zip(["predicted_genre", "second_genre", "third_genre"], ["genre_probability", "second_probability", "third_probability"])
            .compactMap { name, probability in (row[name] as? String).map { ($0, row[probability] as? Double ?? .nan) } }
    }

    private func expectSame(_ a: [(String, Double)], _ b: [(String, Double)], _ what: String) {
        #expect(a.map(\.0) == b.map(\.0), "\(what): \(a) against \(b)")
        for (x, y) in zip(a, b) { #expect(abs(x.1 - y.1) <= 1e-9, "\(what): \(x) against \(y)") }
    }

    @Test func championViewsAndExplainGiveTheSameAnswerForWarehouseTracks() throws {
        let db = try trainedWarehouse()
        // Holdout tracks and training tracks alike, and a top-hits track (another vocabulary, no time_signature).
        let picked = try rows(db, """
            SELECT track_id FROM (SELECT track_id FROM v_genre_predictions WHERE in_holdout = 1 ORDER BY track_id LIMIT 3)
            UNION ALL SELECT track_id FROM (SELECT track_id FROM v_genre_predictions WHERE in_holdout = 0 ORDER BY track_id LIMIT 3)
            UNION ALL SELECT track_id FROM (SELECT track_id FROM v_genre_predictions WHERE track_id LIKE 'jb-%' ORDER BY track_id LIMIT 1)
            """).compactMap { $0["track_id"] as? String }
        #expect(picked.count == 7)
        for id in picked {
            let stored = try #require(try rows(db, "SELECT * FROM v_genre_predictions WHERE track_id = '\(id)'").first)
            let popularity = try #require(try rows(db, "SELECT predicted_popularity FROM v_popularity_predictions WHERE track_id = '\(id)'").first)
            let e = try explained(db, id)
            expectSame(topGenres(stored), e.genres, id)
            let served = try #require(popularity["predicted_popularity"] as? Double), shown = try #require(e.popularity)
            #expect(abs(served - shown) <= 1e-9, "\(id): stored \(served), explain \(shown)")
        }
        // The holdout evaluation's answers are kept apart, one per holdout track of the champion.
        let holdout = try rows(db, """
            SELECT (SELECT count(*) FROM v_genre_holdout_predictions) AS genre_rows,
                   (SELECT count(*) FROM v_genre_predictions WHERE in_holdout = 1) AS genre_flagged,
                   (SELECT count(*) FROM v_popularity_holdout_predictions) AS popularity_rows,
                   (SELECT count(*) FROM v_popularity_predictions WHERE in_holdout = 1) AS popularity_flagged
            """)[0]
        #expect((holdout["genre_rows"] as? Int ?? 0) > 0)
        #expect(holdout["genre_rows"] as? Int == holdout["genre_flagged"] as? Int)
        #expect((holdout["popularity_rows"] as? Int ?? 0) > 0)
        #expect(holdout["popularity_rows"] as? Int == holdout["popularity_flagged"] as? Int)
        // Every stored popularity, served or evaluated, lies in the target's range.
        let outside = try rows(db, """
            SELECT (SELECT count(*) FROM popularity_predictions WHERE predicted_popularity NOT BETWEEN 0 AND 100)
                 + (SELECT count(*) FROM popularity_holdout_predictions WHERE predicted_popularity NOT BETWEEN 0 AND 100) AS n
            """)[0]["n"] as? Int
        #expect(outside == 0)
    }

    @Test func predictOnAFileEqualsWhatIngestAndRetrainWriteBackAndExplain() throws {
        let db = try trainedWarehouse()
        let header = try #require(try String(contentsOfFile: sampleSpotify, encoding: .utf8).split(separator: "\n").first)
        // With audio by a known artist, with audio by artists no one knows, without audio by known artists, and without
        // audio by an artist no one knows (nothing to stand on). Few enough that `retrain` keeps the champions.
        let file = try temporaryFolder().appendingPathComponent("new.csv")
        try (String(header) + "\n" + """
            0,0PipeAudioKnownArtist1,Jason Mraz,Pipe Songs,Sunlit Window,40,200000,False,0.61,0.52,2,-7.1,1,0.05,0.31,0.0,0.12,0.64,110.2,4,acoustic
            1,0PipeAudioUnknownArts2,Qzxv Wqpl Orchestra,Vzzq Vvq,Wqzzv Plq,12,180000,False,0.33,0.81,5,-5.2,0,0.07,0.02,0.4,0.2,0.3,140.1,4,acoustic
            2,0PipeNoAudioKnownArt03,Jason Mraz,Pipe Songs,Morning Coffee Again,35,210000,False,,,,,,,,,,,,,acoustic
            3,0PipeNoAudioKnownArt04,Brandi Carlile,Pipe Songs Two,The River Runs,20,190000,False,,,,,,,,,,,,,
            4,0PipeNoAudioUnknownA05,Nobody Known Xq,Qqzv,Zzqv Qqq,15,170000,False,,,,,,,,,,,,,
            """ + "\n").write(to: file, atomically: true, encoding: .utf8)
        let predicted = try json(try jukebox(["predict", "--db", db, file.path, "--format", "json"])) as? [[String: Any]] ?? []
        #expect(predicted.count == 5)
        #expect(try jukebox(["ingest", "--db", db, file.path]).status == 0)
        let retrain = try jukebox(["retrain", "--db", db])
        #expect(retrain.status == 0, "\(retrain.stderr)")
        #expect(!retrain.stderr.contains("): refit:"), "\(retrain.stderr)")

        var models: [String: String] = [:]
        for row in predicted {
            let id = try #require(row["track_id"] as? String)
            models[id] = row["genre_model"] as? String
            let e = try explained(db, id)
            let stored = try rows(db, "SELECT * FROM v_genre_predictions WHERE track_id = '\(id)'").first
            let storedPopularity = try rows(db, "SELECT predicted_popularity FROM v_popularity_predictions WHERE track_id = '\(id)'").first
            #expect(e.genreModel == row["genre_model"] as? String, "\(id)")
            #expect(e.popularityModel == row["popularity_model"] as? String, "\(id)")
            if row["genre_model"] as? String == "no evidence" {
                // "No evidence" on every path: no predict answer, no written-back row, no explain answer.
                #expect(row["predicted_genre"] == nil || row["predicted_genre"] is NSNull)
                #expect(stored == nil, "\(id)")
                #expect(e.genres.isEmpty)
            } else {
                let written = try #require(stored, "\(id) has no written-back genres")
                expectSame(topGenres(row), topGenres(written), "\(id): predict against the write-back")
                expectSame(topGenres(row), e.genres, "\(id): predict against explain")
            }
            if row["popularity_model"] as? String == "no evidence" {
                #expect(storedPopularity == nil && e.popularity == nil, "\(id)")
            } else {
                let p = try #require(row["predicted_popularity"] as? Double)
                let written = try #require(storedPopularity?["predicted_popularity"] as? Double, "\(id) has no written-back popularity")
                #expect(abs(p - written) <= 1e-9 && abs(p - (e.popularity ?? .nan)) <= 1e-9, "\(id): \(p), \(written), \(String(describing: e.popularity))")
                #expect((0...100).contains(p))
            }
        }
        #expect(models["0PipeAudioKnownArtist1"] == "full")
        #expect(models["0PipeNoAudioKnownArt03"] == "relations")
        #expect(models["0PipeNoAudioUnknownA05"] == "no evidence")
    }

    /// Two model views join on track_id through their keys: no view is materialized and scanned per row.
    @Test func modelViewsJoinOnTrackIDWithoutScanning() throws {
        let db = try trainedWarehouse()
        let join = "SELECT count(*) AS n FROM v_genre_predictions g LEFT JOIN v_popularity_predictions p USING (track_id)"
        let joined = try rows(db, join)[0]["n"] as? Int
        let left = try rows(db, "SELECT count(*) AS n FROM v_genre_predictions")[0]["n"] as? Int
        #expect(joined == left && (left ?? 0) > 0)
        for pair in [("v_genre_predictions", "v_popularity_predictions"), ("v_popularity_predictions", "v_track_clusters"),
                     ("v_track_clusters", "v_genre_predictions")] {
            let plan = try rows(db, "EXPLAIN QUERY PLAN SELECT count(*) FROM \(pair.0) a LEFT JOIN \(pair.1) b USING (track_id)")
                .compactMap { $0["detail"] as? String }
            #expect(!plan.isEmpty)
            #expect(!plan.contains { $0.hasPrefix("SCAN") || $0.contains("MATERIALIZE") }, "\(pair): \(plan)")
        }
    }
}
