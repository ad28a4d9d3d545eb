import Foundation
import Testing

/// train, models, predict, retrain, explain and recommend, run as a user would, on the real samples.
struct ModelCLITests {
    private func trainedWarehouse() throws -> String {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        try jukebox(["ingest", "--db", db, sampleSpotify, sampleTopHits])
        let train = try jukebox(["train", "--db", db, "--genre-rounds", "5", "--clusters", "3", "--neighbours", "5"])
        #expect(train.status == 0, "\(train.stderr)")
        return db
    }

    @Test func trainAllReportsSixRunsAndLogsWithTimestamps() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        try jukebox(["ingest", "--db", db, sampleSpotify, sampleTopHits])
        let train = try jukebox(["train", "--db", db, "--genre-rounds", "5", "--clusters", "3", "--neighbours", "5"])
        #expect(train.status == 0)
        let lines = train.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("run_id  task") == true)
        #expect(lines.count == 8)
        #expect(train.stderr.split(separator: "\n").allSatisfy { $0.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d"#, options: .regularExpression) != nil })
        let models = try jukebox(["models", "--db", db, "--format", "csv"])
        #expect(models.stdout.hasPrefix("run_id,task,features,algorithm,status,champion"))
        #expect(models.stdout.split(separator: "\n").count == 7)
        let show = try jukebox(["models", "show", "1", "--db", db])
        #expect(show.stdout.contains("largest confusions"))
        #expect(show.stdout.contains("importances:"))
        let json = try jukebox(["models", "show", "1", "--db", db, "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let metrics = object["metrics"] as! [String: Any]
        #expect(metrics["confusion_matrix"] != nil && metrics["accuracy"] is Double)
        let missing = try jukebox(["models", "show", "99", "--db", db])
        #expect(missing.status == 1 && missing.stderr.contains("no model run 99"))
    }

    /// One line per event, in the timestamped log on stderr; stdout carries only the refits' table.
    @Test func retrainSaysNothingIsStaleThenRetrainsAfterANewDump() throws {
        let db = try trainedWarehouse()
        let idle = try jukebox(["retrain", "--db", db])
        #expect(idle.status == 0)
        #expect(idle.stdout.isEmpty)
        #expect(idle.stderr.range(of: #"^\d{4}-\d\d-\d\dT[\d:.]+Z nothing stale: every task has been trained on the newest data\n$"#,
                                  options: .regularExpression) != nil, "\(idle.stderr)")
        let newer = try temporaryFolder().appendingPathComponent("newer.csv")
        try Data("name,artist,danceability,energy,loudness,speechiness,acousticness,instrumentalness,liveness,valence,tempo\nNew,Someone,0.5,0.5,-5,0.1,0.1,0,0.1,0.5,120\n".utf8).write(to: newer)
        try jukebox(["ingest", "--db", db, newer.path])
        // Every champion is now stale; one new track is too few to refit: each champion answers it.
        let retrain = try jukebox(["retrain", "--db", db])
        #expect(retrain.status == 0, "\(retrain.stderr)")
        #expect(retrain.stdout.isEmpty, "\(retrain.stdout)")
        let lines = retrain.stderr.split(separator: "\n").filter { $0.contains(" scored ") }
        #expect(lines.count == 6, "\(retrain.stderr)")
        #expect(lines.allSatisfy { $0.contains(": champion run ") && $0.contains(" scored 1 tracks: ") && $0.hasSuffix("(refit at 5%)") },
                "\(retrain.stderr)")
        #expect(lines.first?.contains(" genre (full): champion run 1 scored 1 tracks: 1 new tracks since champion run 1 are 0.") == true)
        #expect(try jukebox(["sql", "--db", db, "--format", "csv", "SELECT count(*) AS n FROM model_runs"]).stdout == "n\n6\n")
        let forced = try jukebox(["retrain", "--db", db, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.split(separator: "\n").filter { $0.contains(": refit: forced (--force)") }.count == 6, "\(forced.stderr)")
        #expect(forced.stdout.hasPrefix("run_id  task") && !forced.stdout.contains("refit"), "\(forced.stdout)")
    }

    @Test func predictScoresADumpWithoutStoringIt() throws {
        let db = try trainedWarehouse()
        let before = try jukebox(["stats", "--db", db, "--format", "json"]).stdout
        let result = try jukebox(["predict", "--db", db, sampleTopHits, "--format", "csv"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines[0] == "track_id,track_name,artists,predicted_genre,genre_probability,second_genre,second_probability,third_genre,third_probability,predicted_popularity,genre_model,popularity_model,also_tagged,artist_genres")
        #expect(lines.count == 142)
        #expect(!result.stderr.contains("has been trained yet"), "both champions exist: \(result.stderr)")
        #expect(try jukebox(["stats", "--db", db, "--format", "json"]).stdout == before)
    }

    /// The champion learned track_genre: a top-hits file's own tags, the warehouse's tags of the same song in the
    /// other vocabulary and the lead artist's Exportify genres are named beside the answer, labelled.
    @Test func predictNamesOtherVocabulariesTagsAndArtistGenres() throws {
        let db = try trainedWarehouse()
        let folder = try temporaryFolder()
        let topHit = folder.appendingPathComponent("top_hit.csv")
        try Data("""
            artist,song,duration_ms,explicit,year,popularity,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,genre
            Gen Hoshino,Comedy,230666,False,2019,73,0.676,0.461,1,-6.746,0,0.143,0.0322,1.01e-06,0.358,0.715,87.917,"pop, Dance/Electronic"

            """.utf8).write(to: topHit)
        #expect(try jukebox(["ingest", "--db", db, topHit.path, repositoryRoot.appendingPathComponent("data/samples/exportify/Road Trip.csv").path]).status == 0)
        let lines = try String(contentsOfFile: sampleSpotify, encoding: .utf8).split(separator: "\n")
        let file = folder.appendingPathComponent("comedy.csv")
        try Data((lines[0...1].joined(separator: "\n") + "\n").utf8).write(to: file)
        let predicted = try jukebox(["predict", "--db", db, file.path, sampleTopHits, "--format", "json"])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(predicted.stdout.utf8)) as? [[String: Any]] ?? []
        let comedy = try #require(rows.first { $0["track_id"] as? String == "5SuOikwiRyPMVoIQDJUgSV" })
        #expect(comedy["also_tagged"] as? String == "Dance/Electronic, pop (genre)")
        #expect(comedy["artist_genres"] as? String == "j-pop, j-rock (exportify)")
        let oops = try #require(rows.first { $0["track_name"] as? String == "Oops!...I Did It Again" })
        #expect(oops["also_tagged"] as? String == "pop (genre)")
        #expect(oops["artist_genres"] is NSNull)
    }

    @Test func predictSaysWhichTaskHasNoModel() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        try jukebox(["ingest", "--db", db, sampleSpotify, sampleTopHits])
        #expect(try jukebox(["train", "popularity", "--db", db]).status == 0)
        let popularityOnly = try jukebox(["predict", "--db", db, sampleTopHits, "--format", "json"])
        #expect(popularityOnly.status == 0)
        #expect(popularityOnly.stderr == "jukebox: note: no genre model has been trained yet: the genre columns are empty; run `jukebox train genre`\n")
        let rows = try JSONSerialization.jsonObject(with: Data(popularityOnly.stdout.utf8)) as! [[String: Any]]
        #expect(rows.count == 141)
        #expect(rows.allSatisfy { $0["predicted_genre"] is NSNull && $0["predicted_popularity"] is Double })
        #expect(try jukebox(["train", "genre", "--db", db, "--genre-rounds", "5"]).status == 0)
        #expect(try jukebox(["sql", "--db", db, "--write", "DELETE FROM model_runs WHERE task = 'popularity'"]).status == 0)
        let genreOnly = try jukebox(["predict", "--db", db, sampleTopHits, "--format", "csv"])
        #expect(genreOnly.status == 0)
        #expect(genreOnly.stderr
            == "jukebox: note: no popularity model has been trained yet: the popularity columns are empty; run `jukebox train popularity`\n")
        #expect(genreOnly.stdout.split(separator: "\n").count == 142)
    }

    @Test func predictWithoutModelsSaysToTrain() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        try jukebox(["ingest", "--db", db, sampleTopHits])
        let result = try jukebox(["predict", "--db", db, sampleTopHits])
        #expect(result.status == 1)
        #expect(result.stderr.contains("run `jukebox train genre` first"))
    }

    /// One feature builder: a warehouse track (`explain`) and the same row read from a CSV (`predict`) get the same answer.
    @Test func aTrackScoresTheSameFromTheWarehouseAndFromACSV() throws {
        let db = try trainedWarehouse()
        let lines = try String(contentsOfFile: sampleSpotify, encoding: .utf8).split(separator: "\n")
        let file = try temporaryFolder().appendingPathComponent("again.csv")
        let text = lines[0...6].joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: file)
        let predicted = try jukebox(["predict", "--db", db, file.path, "--format", "json"])
        #expect(predicted.status == 0, "\(predicted.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(predicted.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.count == 6)
        for row in rows {
            let id = try #require(row["track_id"] as? String)
            let explained = try jukebox(["explain", "--db", db, id, "--format", "json"])
            let e = try JSONSerialization.jsonObject(with: Data(explained.stdout.utf8)) as? [String: Any] ?? [:]
            let genres = (e["predicted_genres"] as? [[String: Any]] ?? []).compactMap { $0["genre"] as? String }
            #expect(genres.first == row["predicted_genre"] as? String, "\(id)")
            let fromWarehouse = try #require(e["predicted_popularity"] as? Double), fromCSV = try #require(row["predicted_popularity"] as? Double)
            #expect(abs(fromWarehouse - fromCSV) < 0.05, "\(id): \(fromWarehouse) from the warehouse, \(fromCSV) from the CSV")
            #expect(e["genre_model"] as? String == row["genre_model"] as? String)
        }
    }

    @Test func explainPrintsPredictionsAndReasonsInWords() throws {
        let db = try trainedWarehouse()
        let result = try jukebox(["explain", "--db", db, "Gen Hoshino - Comedy"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Gen Hoshino - Comedy (5SuOikwiRyPMVoIQDJUgSV)"))
        #expect(result.stdout.contains("popularity: actual 73; predicted"))
        #expect(result.stdout.contains("why this popularity:"))
        #expect(result.stdout.range(of: #"(raised|lowered) the predicted popularity by \d+\.\d\d"#, options: .regularExpression) != nil)
        let unknown = try jukebox(["explain", "--db", db, "Gen Hoshno - Comedy"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean 'Gen Hoshino - Comedy'?"))
    }

    /// A track with nothing a model can stand on (no audio, an artist, album and title no model knows) is "no evidence",
    /// never "no model trained".
    @Test func explainSaysNoEvidenceWhenTheModelsHaveNothingToStandOn() throws {
        let db = try trainedWarehouse()
        let file = try temporaryFolder().appendingPathComponent("unknown.csv")
        try "track_id,track_name,artists,album_name\n1AbCdEfGhIjKlMnOpQrStU,Qzxv Wqpl,Nobody Known Xq,Vzzq Vvq\n"
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try jukebox(["ingest", "--db", db, file.path]).status == 0)
        let result = try jukebox(["explain", "--db", db, "1AbCdEfGhIjKlMnOpQrStU"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("genres: actual none; no genre answer: no evidence"), "\(result.stdout)")
        #expect(result.stdout.contains("popularity: actual unknown; no popularity answer: no evidence"), "\(result.stdout)")
        #expect(!result.stdout.contains("model trained"))
    }

    @Test func recommendInEveryFormat() throws {
        let db = try trainedWarehouse()
        let csv = try jukebox(["recommend", "--db", db, "5SuOikwiRyPMVoIQDJUgSV", "-c", "3", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.split(separator: "\n").first == "rank,track_id,track_name,artists,genres,popularity,score,distance,reason")
        #expect(csv.stdout.split(separator: "\n").count == 4)
        let json = try jukebox(["recommend", "--db", db, "5SuOikwiRyPMVoIQDJUgSV", "-c", "3", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        #expect(rows.map { $0["rank"] as? Int } == [1, 2, 3])
        let ndjson = try jukebox(["recommend", "--db", db, "5SuOikwiRyPMVoIQDJUgSV", "-c", "2", "--no-explicit", "--format", "ndjson"])
        #expect(ndjson.stdout.split(separator: "\n").count == 2)
        let table = try jukebox(["recommend", "--db", db, "5SuOikwiRyPMVoIQDJUgSV", "-c", "2", "--format", "table"])
        #expect(table.stdout.hasPrefix("rank  track_id"))
        let history = try temporaryFolder().appendingPathComponent("liked.txt")
        try Data("Gen Hoshino - Comedy\nShaggy - It Wasn't Me\nShaggy - It Wasn't Me\nNobody - Nothing\n".utf8).write(to: history)
        let fromHistory = try jukebox(["recommend", "--db", db, "--history", history.path, "-c", "3", "--format", "csv"])
        #expect(fromHistory.status == 0)
        #expect(fromHistory.stderr.contains("1 line(s) matched no track"))
        #expect(!fromHistory.stdout.contains("5SuOikwiRyPMVoIQDJUgSV"))
        let badGenre = try jukebox(["recommend", "--db", db, "5SuOikwiRyPMVoIQDJUgSV", "--genre", "acustic"])
        #expect(badGenre.status == 1 && badGenre.stderr.contains("did you mean 'acoustic'"))
        let noSeed = try jukebox(["recommend", "--db", db])
        #expect(noSeed.status == 64)
    }
}
