import Foundation
import Testing

/// What a person reads on a terminal: names from the data cannot drive it, tables fit and never cut a value,
/// mistyped commands get a suggestion, and a file that did not load is never summarized as loaded.
struct TerminalCLITests {
    /// ESC[2J (clear the screen), OSC 52 (write the clipboard) ended by BEL, and backspaces.
    static let hostileName = "Clear\u{1B}[2J\u{1B}]52;c;aGFja2Vk\u{07}Bell\u{08}\u{08}"
    static let hostileArtist = "Evil\u{1B}[31mBand"
    static let hostileGenre = "noise\u{1B}[5m"

    /// The sample dump plus one track carrying the hostile names, with a genre model trained.
    static let db: String = {
        let folder = try! temporaryFolder()
        let dump = folder.appendingPathComponent("hostile.csv")
        try! Data((OutputSafetyCLITests.header
            + "4qPNDBW1i3p13qLCt0Ki3A,\"\(hostileArtist)\",\"\(hostileName)\",Album,50,200000,False,"
            + "0.5,0.6,5,-6.0,1,0.05,0.1,0.0,0.1,0.5,120.0,4,\"\(hostileGenre)\"\n").utf8).write(to: dump)
        let path = folder.appendingPathComponent("hostile.sqlite").path
        for arguments in [["ingest", sampleSpotify, dump.path], ["train", "genre", "--genre-rounds", "3"]] {
            let result = try! jukebox(arguments + ["--db", path])
            precondition(result.status == 0, result.stderr)
        }
        return path
    }()

    static var dumpPath: String { URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("hostile.csv").path }

    /// No control character but the line break reaches the terminal.
    private func expectVisible(_ text: String, _ what: String) {
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }, "\(what): \(text.debugDescription)")
    }

    @Test func hostileNamesShowTheirControlCharactersInEveryTerminalWriter() throws {
        let db = Self.db
        let runs: [(String, [String])] = [
            ("sql table", ["sql", "--format", "table", "SELECT track_name, artists, genres FROM v_tracks WHERE track_id = '4qPNDBW1i3p13qLCt0Ki3A'"]),
            ("recommend", ["recommend", "5SuOikwiRyPMVoIQDJUgSV", "--genre", Self.hostileGenre, "--format", "table", "--wide"]),
            ("trends", ["trends", "--by", "genre", "--format", "table"]),
            ("predict", ["predict", Self.dumpPath, "--format", "table"]),
            ("explain", ["explain", "4qPNDBW1i3p13qLCt0Ki3A"]),
        ]
        for (what, arguments) in runs {
            let result = try jukebox(arguments + ["--db", db])
            #expect(result.status == 0, "\(what): \(result.stderr)")
            expectVisible(result.stdout, what)
            expectVisible(result.stderr, what + " (stderr)")
            #expect(result.stdout.contains("noise\\u{1B}[5m"), "\(what): \(result.stdout)")
        }
        let explain = try jukebox(["explain", "4qPNDBW1i3p13qLCt0Ki3A", "--db", db])
        #expect(explain.stdout.hasPrefix("Evil\\u{1B}[31mBand - Clear\\u{1B}[2J\\u{1B}]52;c;aGFja2Vk\\u{7}Bell\\u{8}\\u{8} (4qPNDBW1i3p13qLCt0Ki3A)\n"),
                "\(explain.stdout)")
        // Messages and errors go through the same rule: the near misses name the hostile genre.
        let miss = try jukebox(["recommend", "5SuOikwiRyPMVoIQDJUgSV", "--genre", "nois", "--db", db])
        #expect(miss.status == 1)
        expectVisible(miss.stderr, "error")
        #expect(miss.stderr.contains("'noise\\u{1B}[5m'"), "\(miss.stderr)")
    }

    @Test func csvAndJSONKeepTheNamesAsStored() throws {
        let query = "SELECT track_name FROM v_tracks WHERE track_id = '4qPNDBW1i3p13qLCt0Ki3A'"
        let csv = try jukebox(["sql", "--db", Self.db, "--format", "csv", query])
        #expect(csv.stdout == "track_name\n\(Self.hostileName)\n")
        let json = try jukebox(["sql", "--db", Self.db, "--format", "json", query])
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        #expect(rows.first?["track_name"] as? String == Self.hostileName)
        let predict = try jukebox(["predict", Self.dumpPath, "--db", Self.db, "--format", "csv"])
        #expect(predict.stdout.contains(Self.hostileName))
    }

    @Test func mistypedCommandsAreUsageErrorsNamingTheNearestCommand() throws {
        let cases: [([String], String)] = [
            (["recomend", "--db", "w.sqlite", "x"], "unknown command 'recomend'; did you mean 'recommend'?"),
            (["trian"], "unknown command 'trian'; did you mean 'train'?"),
            (["help", "tredns"], "unknown command 'tredns'; did you mean 'trends'?"),
            (["models", "lsit"], "unknown command 'lsit'; did you mean 'list'? See 'jukebox models --help'."),
            (["help", "foo"], "unknown command 'foo' (commands: tour, ingest, stats,"),
        ]
        for (arguments, message) in cases {
            let result = try jukebox(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments)")
            #expect(result.stderr.hasPrefix("jukebox: error: " + message), "\(arguments): \(result.stderr)")
        }
        let help = try jukebox(["help", "train"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: jukebox train"), "\(help.stdout)")
    }

    @Test func aFileThatDidNotLoadIsNeverSummarizedAsLoaded() throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        let missing = try jukebox(["ingest", "--db", db, "/no/such/dump.csv"])
        #expect(missing.status == 1)
        #expect(!missing.stdout.contains("now holds"), "\(missing.stdout)")
        #expect(missing.stderr.contains("cannot read /no/such/dump.csv: no such file") && missing.stderr.contains("nothing was loaded"))
        let partly = try jukebox(["ingest", "--db", db, "/no/such/dump.csv", sampleTopHits])
        #expect(partly.status == 1)
        #expect(partly.stdout.contains("now holds 141 tracks") && partly.stdout.contains("; 1 of 2 files could not be loaded (see above)."),
                "\(partly.stdout)")
    }

    /// Every line of a default table fits 120 columns, and no value is cut: the reasons read whole, wrapped.
    @Test func defaultTablesFit120ColumnsAndWrapInsteadOfCutting() throws {
        let db = QueryCLITests.db
        // A seed whose artist and album speak for its results: long reasons, to wrap.
        let seed = "Jason Mraz - I'm Yours"
        let table = try jukebox(["recommend", seed, "-c", "8", "--db", db, "--format", "table"])
        let json = try jukebox(["recommend", seed, "-c", "8", "--db", db, "--format", "json"])
        #expect(table.status == 0 && json.status == 0)
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 120 }, "\(table.stdout)")
        #expect(!table.stdout.contains("…"))
        let words = Set(table.stdout.split(whereSeparator: \.isWhitespace).map(String.init))
        let start = try #require(json.stdout.firstIndex(of: "["))
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout[start...].utf8)) as! [[String: Any]]
        let reasons = rows.compactMap { $0["reason"] as? String }
        #expect(reasons.count == 8 && reasons.contains { $0.count > 60 }, "\(json.stdout)")
        for reason in reasons {
            #expect(reason.split(separator: " ").map(String.init).allSatisfy(words.contains), "\(reason) in \(table.stdout)")
        }
        #expect(table.stderr.contains("(3 more columns: genres, popularity, distance; see them with --wide or --format csv)"), "\(table.stderr)")
        let wide = try jukebox(["recommend", seed, "-c", "8", "--db", db, "--format", "table", "--wide"])
        #expect(wide.stdout.hasPrefix("rank  track_id  ") && wide.stdout.contains("  genres  ") && wide.stdout.split(separator: "\n").count == 10,
                "\(wide.stdout)")
    }

    /// A table rounds for reading; CSV and JSON keep every digit.
    @Test func tablesRoundNumbersWhileCSVAndJSONKeepFullPrecision() throws {
        let db = QueryCLITests.db
        let arguments = ["trends", "--feature", "energy", "--by", "decade", "--db", db]
        let csv = try jukebox(arguments + ["--format", "csv"]).stdout.split(separator: "\n")
        let mean = try #require(Double(csv[2].split(separator: ",")[3]))
        #expect(csv[2].hasPrefix("2000s,energy,89,0.76270786"), "\(csv)")
        #expect(String(mean).count > 8, "full precision in CSV: \(mean)")
        let json = try jukebox(arguments + ["--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        #expect(rows[1]["mean"] as? Double == mean)
        let table = try jukebox(arguments + ["--format", "table"]).stdout
        #expect(table.contains("2000s   energy      89  0.7627  "), "\(table)")
    }
}
