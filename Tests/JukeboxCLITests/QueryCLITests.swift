import Foundation
import Testing

/// sql, schema, trends and playlist as a user runs them, on the sample warehouse.
struct QueryCLITests {
    /// Both samples, ingested once for the suite (every command here only reads).
    static let db: String = {
        let path = try! temporaryFolder().appendingPathComponent("samples.sqlite").path
        let result = try! jukebox(["ingest", "--db", path, sampleSpotify, sampleTopHits])
        precondition(result.status == 0, result.stderr)
        return path
    }()

    func run(_ arguments: [String]) throws -> CLIResult {
        try jukebox([arguments[0], "--db", Self.db] + arguments.dropFirst())
    }

    /// Runs `jukebox sql` with `input` on stdin (the shared helper gives every command /dev/null).
    func runSQL(stdin input: String) throws -> CLIResult {
        let process = Process()
        process.executableURL = jukeboxBinary
        process.arguments = ["sql", "--db", Self.db]
        let stdin = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Small outputs: reading one pipe after the other cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
    }

    static let topThree = "SELECT track_name, energy, release_year FROM v_tracks WHERE release_year IS NOT NULL ORDER BY energy DESC, track_id LIMIT 3"

    /// Japanese and Korean titles take two terminal columns a character; the table pads by that.
    @Test func tableAlignsWideCharacters() throws {
        let sql = "SELECT column1 AS title, column2 AS n FROM (VALUES ('ひまわりの約束', 61), ('KISSして', 35), ('사랑', 7), ('Café', 1))"
        let table = try run(["sql", sql, "--format", "table"])
        #expect(table.status == 0)
        #expect(table.stdout == """
            title            n
            --------------  --
            ひまわりの約束  61
            KISSして        35
            사랑             7
            Café             1

            """)
        // Wrapping counts columns too: 70 ideographs (140 columns) beside a 56-column value are never cut, but wrapped
        // at 62 columns (31 ideographs) to fit 120.
        let long = try run(["sql", "SELECT '" + String(repeating: "音", count: 70) + "' AS t, '" + String(repeating: "x", count: 56) + "' AS u",
                            "--format", "table"])
        let lines = long.stdout.split(separator: "\n")
        #expect(lines.count == 5, "\(long.stdout)")
        #expect(lines[2] == String(repeating: "音", count: 31) + "  " + String(repeating: "x", count: 56))
        #expect(lines[3] == String(repeating: "音", count: 31) && lines[4] == String(repeating: "音", count: 8))
    }

    @Test func sqlInEveryFormat() throws {
        let csv = try run(["sql", Self.topThree])
        #expect(csv.status == 0 && csv.stderr.isEmpty)
        #expect(csv.stdout == """
            track_name,energy,release_year
            Don't Call Me Baby,0.982,1999
            Something,0.981,2001
            Hey Baby (Radio Mix),0.968,2010

            """)
        let table = try run(["sql", Self.topThree, "--format", "table"])
        #expect(table.stdout == """
            track_name            energy  release_year
            --------------------  ------  ------------
            Don't Call Me Baby     0.982          1999
            Something              0.981          2001
            Hey Baby (Radio Mix)   0.968          2010

            """)
        let json = try run(["sql", Self.topThree, "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        #expect(rows.count == 3 && rows[0]["release_year"] as? Int == 1999 && rows[2]["energy"] as? Double == 0.968)
        let ndjson = try run(["sql", Self.topThree, "--format", "ndjson"])
        #expect(ndjson.stdout.split(separator: "\n").first == #"{"energy":0.982,"release_year":1999,"track_name":"Don't Call Me Baby"}"#)
    }

    @Test func sqlJSONOfSeveralStatementsIsOneDocument() throws {
        let json = try run(["sql", "select 1 as a; select 2 as b", "--format", "json"])
        #expect(json.status == 0 && json.stderr.isEmpty)
        let documents = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[[String: Any]]]
        #expect(documents?.count == 2)
        #expect(documents?[0].first?["a"] as? Int == 1 && documents?[1].first?["b"] as? Int == 2)
        // A statement without rows keeps its place, so the arrays line up with the statements.
        let empty = try run(["sql", "SELECT 1 AS a WHERE 0; SELECT 2 AS b", "--format", "json"])
        let aligned = try JSONSerialization.jsonObject(with: Data(empty.stdout.utf8)) as? [[[String: Any]]]
        #expect(aligned?.count == 2 && aligned?[0].isEmpty == true && aligned?[1].first?["b"] as? Int == 2)
        // One statement prints its rows alone, as before.
        let one = try run(["sql", "select 1 as a", "--format", "json"])
        #expect(one.stdout == "[\n  {\n    \"a\" : 1\n  }\n]\n")
        let ndjson = try run(["sql", "select 1 as a; select 2 as b", "--format", "ndjson"])
        #expect(ndjson.stdout == "{\"a\":1}\n{\"b\":2}\n")
        let help = try jukebox(["sql", "--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("--format ndjson prints the rows of all statements one after the other"))
    }

    @Test func sqlReadsStdin() throws {
        let piped = try runSQL(stdin: "-- how many?\nSELECT count(*) AS tracks FROM tracks;\n")
        #expect(piped.status == 0)
        #expect(piped.stdout == "tracks\n299\n")
        let empty = try run(["sql"])
        #expect(empty.status == 1)
        #expect(empty.stderr == "jukebox: error: no SQL statement given\n")
    }

    @Test func sqlRefusesWritesWithExitStatus1() throws {
        for (sql, message) in [
            ("SELECT 1; DROP TABLE tracks", "refused statement 2 (DROP TABLE tracks): DROP statements are not allowed"),
            ("/* x */ DELETE FROM tracks", "refused statement 1 (DELETE FROM tracks): DELETE statements are not allowed"),
            ("PRAGMA user_version=5", "refused statement 1 (PRAGMA user_version=5): setting PRAGMA user_version is not allowed"),
        ] {
            let result = try run(["sql", sql])
            #expect(result.status == 1, "\(sql)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == "jukebox: error: \(message); nothing was run. `jukebox sql` only reads unless given --write\n")
        }
        #expect(try run(["sql", "SELECT count(*) FROM tracks"]).stdout == "count(*)\n299\n")
    }

    @Test func sqlTimeoutAndRowCap() throws {
        let slow = try run(["sql", "--timeout", "0.5", "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c"])
        #expect(slow.status == 1)
        #expect(slow.stderr == "jukebox: error: statement 1 was stopped at the time limit of 0.5 s; allow more with --timeout SECONDS\n")
        let capped = try run(["sql", "--max-rows", "2", "SELECT track_id FROM tracks ORDER BY track_id"])
        #expect(capped.status == 0)
        #expect(capped.stdout.split(separator: "\n").count == 3)
        #expect(capped.stderr == "jukebox: note: statement 1 returned more than 2 rows; printed the first 2 (raise the cap with --max-rows)\n")
        let syntax = try run(["sql", "SELEC 1"])
        #expect(syntax.status == 1 && syntax.stderr == "jukebox: error: statement 1: near \"SELEC\": syntax error\n")
    }

    @Test func sqlWriteReportsChanges() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        #expect(try jukebox(["ingest", "--db", db, sampleTopHits]).status == 0)
        let result = try jukebox(["sql", "--db", db, "--write",
                                  "CREATE TABLE notes (x); INSERT INTO notes VALUES (1), (2); SELECT count(*) AS n FROM notes"])
        #expect(result.status == 0)
        #expect(result.stdout == "n\n2\n")
        #expect(result.stderr == "statement 1: 0 rows changed\nstatement 2: 2 rows changed\n")
    }

    @Test func schemaAsJSONAndTable() throws {
        let json = try run(["schema", "--format", "json"])
        #expect(json.status == 0)
        let entries = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        let view = try #require(entries.first { $0["name"] as? String == "v_tracks" })
        #expect(view["kind"] as? String == "view")
        #expect((view["description"] as? String)?.hasPrefix("One row per track") == true)
        #expect((view["columns"] as? [[String: Any]])?.first?["name"] as? String == "track_id")
        let table = try run(["schema", "--format", "table"])
        #expect(table.stdout.contains("""
            artists (table): One row per artist name.
              artist_id          INTEGER  primary key
              name               TEXT     not null
              spotify_artist_id  TEXT
              followers          INTEGER
              popularity         INTEGER

            """))
    }

    @Test func trendsByDecadeAsCSVAndTable() throws {
        let csv = try run(["trends", "--feature", "energy", "--by", "decade"])
        #expect(csv.status == 0)
        #expect(csv.stdout == """
            decade,feature,count,mean,median,q1,q3
            1990s,energy,36,0.7289722222222221,0.7675000000000001,0.5865,0.8865000000000001
            2000s,energy,89,0.7627078651685393,0.791,0.664,0.864
            2010s,energy,16,0.7203125,0.737,0.5825,0.82925

            """)
        let table = try run(["trends", "--feature", "energy", "--by", "decade", "--format", "table"])
        #expect(table.stdout.hasSuffix("\nenergy  ▂█▁  mean, 1990s → 2010s\n"))
    }

    @Test func trendsCompareAsJSON() throws {
        let result = try run(["trends", "--compare", "pop", "rock", "--feature", "energy", "--format", "json"])
        #expect(result.status == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        #expect(rows.count == 1)
        #expect(rows[0]["group_a"] as? String == "pop" && rows[0]["n_a"] as? Int == 96 && rows[0]["n_b"] as? Int == 17)
        #expect(rows[0]["effect"] as? String == "small")
    }

    @Test func trendsErrors() throws {
        let features = "(features: danceability, energy, loudness, speechiness, acousticness, instrumentalness, liveness, valence, "
            + "tempo, popularity, duration_ms)"
        let feature = try run(["trends", "--feature", "enrgy"])
        #expect(feature.status == 1 && feature.stderr == "jukebox: error: no feature 'enrgy'; did you mean 'energy'? \(features)\n")
        let key = try run(["trends", "--feature", "key"])
        #expect(key.status == 1 && key.stderr == "jukebox: error: no feature 'key' \(features)\n")
        let genres = "(genres, the first 20 of 26: acoustic, afrobeat, alt-rock, alternative, ambient, anime, blues, country, "
            + "Dance/Electronic, dub, easy listening, Folk/Acoustic, hip hop, j-pop, j-rock, latin, metal, pop, punk, punk-rock; "
            + "all of them: jukebox sql \"SELECT name FROM genres ORDER BY name\")"
        let genre = try run(["trends", "--genre", "acoustc"])
        #expect(genre.status == 1 && genre.stderr == "jukebox: error: no genre 'acoustc' in the warehouse; did you mean 'acoustic'? \(genres)\n")
        let snapshots = try run(["trends", "--compare", "1", "2"])
        #expect(snapshots.status == 1)
        #expect(snapshots.stderr == "jukebox: error: no genre '1' in the warehouse \(genres); to compare ingests, give --by snapshot\n")
        let playlistGenre = try run(["playlist", "--genre", "xyzzy"])
        #expect(playlistGenre.status == 1 && playlistGenre.stderr == "jukebox: error: no genre 'xyzzy' in the warehouse \(genres)\n")
        let recommendGenre = try run(["recommend", "5SuOikwiRyPMVoIQDJUgSV", "--genre", "xyzzy"])
        #expect(recommendGenre.status == 1 && recommendGenre.stderr == "jukebox: error: no genre 'xyzzy' in the warehouse \(genres)\n")
        let help = try run(["trends", "--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("Snapshots are ingest ids and need --by snapshot (--by snapshot --compare 1 2)."))
        #expect(help.contains("anything else a genre"))
        let noYears = try temporaryFolder().appendingPathComponent("noyears.sqlite").path
        #expect(try jukebox(["ingest", "--db", noYears, sampleSpotify]).status == 0)
        let years = try jukebox(["trends", "--db", noYears, "--by", "year"])
        #expect(years.status == 1)
        #expect(years.stderr.hasPrefix("jukebox: error: trends by year need release years, but none of the 158 tracks has one"))
        // Without --by such a warehouse is grouped by genre, and stderr says why.
        let byDefault = try jukebox(["trends", "--db", noYears, "--feature", "energy", "--format", "csv"])
        #expect(byDefault.status == 0)
        #expect(byDefault.stderr.hasPrefix("jukebox: note: grouped by genre: only 0 of 158 tracks have a release year (--by year|decade|snapshot|genre)\n"
            + "jukebox: note: the 12 genres with the most tracks of "), "\(byDefault.stderr)")
        #expect(byDefault.stdout.hasPrefix("genre,feature,count,mean,median,q1,q3\n"))
        let usage = try run(["trends", "--compare", "pop"])
        #expect(usage.status == 64 && usage.stderr.contains("--compare takes two groups"))
    }

    @Test func nonsensicalNumbersAreUsageErrors() throws {
        for (arguments, message) in [
            (["recommend", "5SuOikwiRyPMVoIQDJUgSV", "--min-popularity", "80", "--max-popularity", "20"],
             "--min-popularity (80) must not exceed --max-popularity (20)"),
            (["recommend", "5SuOikwiRyPMVoIQDJUgSV", "--count", "0"], "--count must be between 1 and 10,000; got 0"),
            (["recommend", "5SuOikwiRyPMVoIQDJUgSV", "--max-per-artist=-1"], "--max-per-artist must be between 1 and 10,000; got -1"),
            (["recommend", "5SuOikwiRyPMVoIQDJUgSV", "--min-popularity=-5"], "--min-popularity must be between 0 and 100; got -5"),
            (["playlist", "--genre", "pop", "--count=-3"], "--count must be between 1 and 10,000; got -3"),
            (["playlist", "--from-cluster=-1"], "--from-cluster must be between 0 and 999; got -1"),
            (["explain", "5SuOikwiRyPMVoIQDJUgSV", "--top", "0"], "--top must be between 1 and 1,000; got 0"),
        ] {
            // Negative values go after '=' (a bare -1 reads as an option).
            let result = try run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(arguments): \(result.stderr)")
        }
        // Equal bounds are a valid (narrow) range.
        let equal = try run(["recommend", "5SuOikwiRyPMVoIQDJUgSV", "--min-popularity", "50", "--max-popularity", "50", "--format", "csv"])
        #expect(equal.status == 0)
    }

    @Test func playlistAsTableCSVAndM3U() throws {
        let csv = try run(["playlist", "--seed", "Gen Hoshino - Comedy", "--count", "4"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "position,track_id,track_name,artists,tempo,energy,key,mode,camelot")
        #expect(lines.count == 5)
        #expect(lines[1] == "1,5SuOikwiRyPMVoIQDJUgSV,Comedy,Gen Hoshino,87.917,0.461,1,0,12A")
        let table = try run(["playlist", "--genre", "acoustic", "--count", "3", "--format", "table"])
        #expect(table.stdout.split(separator: "\n").count == 5)
        let m3u = try run(["playlist", "--seed", "5SuOikwiRyPMVoIQDJUgSV", "--count", "6", "--format", "m3u"])
        #expect(m3u.status == 0)
        #expect(m3u.stdout.hasPrefix("#EXTM3U\n#EXTINF:231,Gen Hoshino - Comedy\nspotify:track:5SuOikwiRyPMVoIQDJUgSV\n"))
        let uris = m3u.stdout.split(separator: "\n").filter { $0.hasPrefix("spotify:track:") }
        let infos = m3u.stdout.split(separator: "\n").filter { $0.hasPrefix("#EXTINF:") }
        #expect(uris.count == infos.count && !uris.contains { $0.contains("jb-") })
        #expect(uris.count == 6 ? m3u.stderr.isEmpty : m3u.stderr.contains("without a Spotify id (jb- ids)"))
    }

    @Test func playlistErrors() throws {
        let typo = try run(["playlist", "--seed", "Gen Hoshin - Comedy"])
        #expect(typo.status == 1)
        #expect(typo.stderr == "jukebox: error: no track 'Gen Hoshin - Comedy' in the warehouse; did you mean 'Gen Hoshino - Comedy'?\n")
        let nothing = try run(["playlist"])
        #expect(nothing.status == 64 && nothing.stderr.contains("--genre, --from-cluster, --seed, or --valence/--energy/--danceability"))
        let untrained = try run(["playlist", "--from-cluster", "3"])
        #expect(untrained.status == 1)
        #expect(untrained.stderr == "jukebox: error: no clusters model has been trained yet; run `jukebox train clusters` first\n")
        let range = try run(["playlist", "--energy", "1.5"])
        #expect(range.status == 64 && range.stderr.contains("--energy must be between 0 and 1"))
    }
}
