import Foundation
import Testing

/// The help of every command, as `jukebox help COMMAND...` prints it 100 columns wide, against a golden file in
/// Tests/JukeboxCLITests/Help/ (`jukebox.txt`, `ingest.txt`, `models-show.txt`, ...), so help and code stay in step.
/// The commands are read from the help itself (its SUBCOMMANDS sections), so a new command fails until it has one.
/// When help changes on purpose, rewrite the files and read the diff:
///
///     JUKEBOX_UPDATE_GOLDEN=1 swift test --disable-xctest --filter HelpGoldenCLITests
struct HelpGoldenCLITests {
    static let folder = repositoryRoot.appendingPathComponent("Tests/JukeboxCLITests/Help")
    static let updating = ProcessInfo.processInfo.environment["JUKEBOX_UPDATE_GOLDEN"] == "1"
    static let width = ["COLUMNS": "100"]

    /// Every command's words (the top level is `[]`), breadth first.
    static func commands() throws -> [[String]] {
        var found: [[String]] = []
        var queue: [[String]] = [[]]
        while !queue.isEmpty {
            let path = queue.removeFirst()
            found.append(path)
            let help = try jukebox(["help"] + path, environment: width)
            queue += subcommands(in: help.stdout).map { path + [$0] }
        }
        return found
    }

    /// The names listed under SUBCOMMANDS: (two spaces in), `help` aside.
    static func subcommands(in help: String) -> [String] {
        guard let section = help.components(separatedBy: "SUBCOMMANDS:\n").dropFirst().first else { return [] }
        return section.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { !$0.isEmpty }
            .filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
            .compactMap { $0.split(separator: " ").first.map(String.init) }
            .filter { $0 != "help" }
    }

    static func file(_ path: [String]) -> URL {
        folder.appendingPathComponent((path.isEmpty ? "jukebox" : path.joined(separator: "-")) + ".txt")
    }

    @Test func everyCommandsHelpMatchesItsGoldenFile() throws {
        let commands = try Self.commands()
        #expect(commands.count > 17 && commands.contains(["models", "show"]), "\(commands)")
        for path in commands {
            let help = try jukebox(["help"] + path, environment: Self.width)
            #expect(help.status == 0, "\(path): \(help.stderr)")
            let golden = Self.file(path)
            if Self.updating {
                try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
                try Data(help.stdout.utf8).write(to: golden)
                continue
            }
            let expected = try? String(contentsOf: golden, encoding: .utf8)
            #expect(expected != nil, "no golden help for `jukebox \(path.joined(separator: " "))`: write it with JUKEBOX_UPDATE_GOLDEN=1")
            if let expected { #expect(help.stdout == expected, "`jukebox help \(path.joined(separator: " "))` differs from \(golden.lastPathComponent)") }
        }
        // A golden file for a command that no longer exists is removed with it.
        let names = Set(commands.map { Self.file($0).lastPathComponent })
        let stored = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".txt") }
        #expect(Set(stored).subtracting(names).isEmpty, "golden files without a command: \(Set(stored).subtracting(names).sorted())")
    }

    /// What the issue found out of step, checked in words so a regenerated golden file cannot hide it.
    @Test func helpSaysWhatTheCodeDoes() throws {
        func help(_ path: String...) throws -> String {
            try jukebox(["help"] + path, environment: Self.width).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        #expect(try help().contains("Load track dumps, playlist exports (Exportify), artist lists, Million Playlist Dataset slices and Spotify listening histories"))
        #expect(try help("ingest").contains("Load track dumps, playlist exports, artist lists, MPD slices and listening histories"))
        #expect(try help("serve").contains("trends, listening, recommendations"))
        // Every kind the default blend weighs is among the kinds the help lists.
        let weights = try help("recommend")
        #expect(weights.contains("over artists, album, neighbours, cooccurrence, audio, genre, popularity (default: artists=1.0,album=2.0,audio=0.03,popularity=0.05)"),
                "\(weights)")
        #expect(try help("trends").contains("Default: by decade when at least half the tracks in scope have a release year, else by genre (else by snapshot)"))
    }
}
