import Foundation
import Testing

/// Values a user (or a script gone wrong) can give that once stopped the process: numbers outside an option's
/// range, a join's columns named alike in JSON, a blob of megabytes to print.
struct HostileOptionsCLITests {
    static let db: String = {
        let path = try! temporaryFolder().appendingPathComponent("samples.sqlite").path
        let result = try! jukebox(["ingest", "--db", path, sampleSpotify, sampleTopHits])
        precondition(result.status == 0, result.stderr)
        return path
    }()

    static let seed = "5SuOikwiRyPMVoIQDJUgSV"
    static let huge = "9223372036854775807"

    /// Each numeric option of each command, outside its range: exit 64 before anything runs (the warehouse path
    /// does not exist, so a value that got past `validate()` would fail differently), naming the option and range.
    @Test func everyNumericOptionOutsideItsRangeIsAUsageErrorNamingIt() throws {
        let missing = try temporaryFolder().appendingPathComponent("none.sqlite").path
        let cases: [([String], String)] = [
            (["recommend", Self.seed, "--count", Self.huge], "--count must be between 1 and 10,000; got \(Self.huge)"),
            (["recommend", "--listener", "me", "--count", Self.huge], "--count must be between 1 and 10,000; got \(Self.huge)"),
            (["recommend", "--playlist", "x", "--count=0"], "--count must be between 1 and 10,000; got 0"),
            (["recommend", Self.seed, "--min-popularity", "101"], "--min-popularity must be between 0 and 100; got 101"),
            (["recommend", Self.seed, "--max-popularity=-9223372036854775808"],
             "--max-popularity must be between 0 and 100; got -9223372036854775808"),
            (["recommend", Self.seed, "--max-per-artist", Self.huge], "--max-per-artist must be between 1 and 10,000; got \(Self.huge)"),
            (["playlist", "--genre", "pop", "--count", Self.huge], "--count must be between 1 and 10,000; got \(Self.huge)"),
            (["playlist", "--from-cluster", "1000"], "--from-cluster must be between 0 and 999; got 1000"),
            (["playlist", "--valence", "nan"], "--valence must be between 0 and 1; got nan"),
            (["playlist", "--energy", "inf"], "--energy must be between 0 and 1; got inf"),
            (["playlist", "--danceability=-0.5"], "--danceability must be between 0 and 1; got -0.5"),
            (["explain", Self.seed, "--top", Self.huge], "--top must be between 1 and 1,000; got \(Self.huge)"),
            (["rejects", "--ingest=0"], "--ingest must be between 1 and 9223372036854775807; got 0"),
            (["rejects", "--limit", Self.huge], "--limit must be between 1 and 10,000,000; got \(Self.huge)"),
            (["sql", "--timeout", "inf", "SELECT 1"], "--timeout must be between 0.001 and 86,400 seconds; got inf"),
            (["sql", "--timeout", "nan", "SELECT 1"], "--timeout must be between 0.001 and 86,400 seconds; got nan"),
            (["sql", "--timeout=-1", "SELECT 1"], "--timeout must be between 0.001 and 86,400 seconds; got -1.0"),
            (["sql", "--max-rows", Self.huge, "SELECT 1"], "--max-rows must be between 1 and 10,000,000; got \(Self.huge)"),
            (["train", "--clusters", "1"], "--clusters must be between 2 and 1,000; got 1"),
            (["train", "--clusters", Self.huge], "--clusters must be between 2 and 1,000; got \(Self.huge)"),
            (["train", "--neighbours", "201"], "--neighbours must be between 1 and 200; got 201"),
            (["train", "--genre-rounds", Self.huge], "--genre-rounds must be between 1 and 10,000; got \(Self.huge)"),
            (["models", "show", "0"], "the run id must be 1 or more (see `jukebox models`); got 0"),
            (["serve", "--port", "70000"], "--port must be between 1 and 65535"),
        ]
        for (arguments, message) in cases {
            let result = try jukebox(arguments + ["--db", missing])
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.hasPrefix("Error: \(message)\n"), "\(arguments): \(result.stderr)")
        }
        // Past Int's range the argument parser refuses the number itself, naming the option.
        let past = try jukebox(["recommend", Self.seed, "--count", "99999999999999999999", "--db", missing])
        #expect(past.status == 64 && past.stderr.contains("--count"), "\(past.stderr)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// The ends of a range are in it: the largest count asks for more than the warehouse holds and gets them all.
    @Test func theEndsOfARangeAreAccepted() throws {
        let most = try jukebox(["recommend", Self.seed, "--count", "10000", "--max-per-artist", "10000", "--db", Self.db, "--format", "csv"])
        #expect(most.status == 0, "\(most.stderr)")
        let rows = most.stdout.split(separator: "\n").dropFirst()
        let withAudio = try jukebox(["sql", "--db", Self.db, "--format", "csv", "SELECT count(*) FROM audio_features"])
        // Every track with audio but the seed itself and other recordings of its song.
        let tracks = Int(withAudio.stdout.split(separator: "\n")[1])!
        #expect(rows.count > tracks / 2 && rows.count < tracks, "\(rows.count) of \(tracks)")
        #expect(most.stderr.contains("only \(rows.count) track(s) pass the filters"), "\(most.stderr)")
        #expect(try jukebox(["sql", "--db", Self.db, "--timeout", "86400", "--max-rows", "10000000", "SELECT 1 AS one"]).stdout == "one\n1\n")
    }

    /// A join names two columns `name`: JSON keeps both, the second as `name_2` (CSV keeps the header as it is).
    @Test func jsonKeepsColumnsNamedAlike() throws {
        let sql = "SELECT t.name, al.name, t.track_id AS name_2 FROM tracks t JOIN albums al USING (album_id) WHERE t.name != al.name ORDER BY t.track_id LIMIT 2"
        let csv = try jukebox(["sql", "--db", Self.db, "--format", "csv", sql])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0] == ["name", "name", "name_2"])
        let expected = lines.dropFirst().map { ["name": $0[0], "name_3": $0[1], "name_2": $0[2]] }
        #expect(expected.count == 2 && expected[0]["name"] != expected[0]["name_3"])

        let json = try jukebox(["sql", "--db", Self.db, "--format", "json", sql])
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]])
        #expect(rows == expected)
        let ndjson = try jukebox(["sql", "--db", Self.db, "--format", "ndjson", sql])
        #expect(ndjson.status == 0, "\(ndjson.stderr)")
        let objects = try ndjson.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }
        #expect(objects == expected)
        // Several statements in one JSON document: each statement's keys are its own.
        let two = try jukebox(["sql", "--db", Self.db, "--format", "json", "SELECT 1 AS a, 2 AS a; SELECT 3 AS a"])
        let documents = try JSONSerialization.jsonObject(with: Data(two.stdout.utf8)) as? [[[String: Int]]]
        #expect(documents == [[["a": 1, "a_2": 2]], [["a": 3]]])
    }

    /// A 9 MB blob prints whole, as the SQL literal x'…' (two hex digits a byte), in every format; printing is
    /// linear in its size (a formatted string per byte took 18-23 s), and what a run prints is bounded by the
    /// value (10 MB) and run (100 MB) caps.
    @Test func aLargeBlobPrintsWholeAsHex() throws {
        let bytes = 9_000_000
        let sql = "SELECT zeroblob(\(bytes)) AS b"
        let literal = "x'" + String(repeating: "00", count: bytes) + "'"
        let csv = try jukebox(["sql", "--db", Self.db, "--timeout", "1", "--format", "csv", sql])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout == "b\n" + literal + "\n")
        let json = try jukebox(["sql", "--db", Self.db, "--timeout", "1", "--format", "ndjson", sql])
        #expect(json.stdout == "{\"b\":\"" + literal + "\"}\n")
        // Every byte value comes out as its two digits.
        let digits = try jukebox(["sql", "--db", Self.db, "--format", "csv", "SELECT x'0123456789abcdeffe10' AS b, x'' AS e"])
        #expect(digits.stdout == "b,e\nx'0123456789abcdeffe10',x''\n")
        // Past the value cap, the statement fails and prints nothing.
        let over = try jukebox(["sql", "--db", Self.db, "SELECT zeroblob(10000001) AS b"])
        #expect(over.status == 1 && over.stdout.isEmpty, "\(over.stderr)")
    }
}
