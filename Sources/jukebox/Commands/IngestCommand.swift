import ArgumentParser
import Foundation
import Ingest
import Store

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load track dumps, playlist exports, artist lists, MPD slices and listening histories into the warehouse.",
        discussion: """
            Columns are matched by header name; the common Spotify export spellings are known (track_id/id, track_name/name/song, artists/artist/track_artist, track_genre/genre, year, release_date, ...). A dump with playlist_id/playlist_name columns, or an exported playlist (an Added At column; named by its file or --playlist), fills the playlist tables; its playlist_genre describes the playlist, not the tracks. Each file loads in one transaction: bad rows go to the rejects table with their line number and reason (see `jukebox rejects`), and the rest of the file loads. The same file again is a no-op; a newer dump of the same tracks adds a popularity observation per track. When one file gives a track several popularity values, the highest is kept.
            """
    )

    @OptionGroup var warehouse: WarehouseOptions

    @Argument(help: ArgumentHelp("CSV dumps and playlist exports, artist lists, Million Playlist Dataset slices (JSON), listening histories: Spotify (JSON or its .zip), Last.fm CSV, ListenBrainz (.jsonl or its .zip), Maloja JSON, Apple Music Play Activity.csv.", valueName: "file"))
    var files: [String] = []

    @Flag(help: "Refuse a file with any bad row, leaving the warehouse exactly as it was.")
    var strict = false

    @Flag(help: "Load a file again even if the same bytes were loaded before.")
    var force = false

    @Option(name: .customLong("map"), parsing: .singleValue,
            help: ArgumentHelp("Read column SOURCE as warehouse field TARGET (repeatable).", valueName: "SOURCE=TARGET"))
    var mappings: [String] = []

    @Option(help: ArgumentHelp("Tag every row of these files with this genre.", valueName: "name"))
    var genre: String?

    @Option(help: ArgumentHelp("Load each file as this playlist (an exported playlist is otherwise named by its file).", valueName: "name"))
    var playlist: String?

    @Option(help: ArgumentHelp("Whose listening histories these are (default me); given, a file that is no listening history is an error.", valueName: "name"))
    var listener: String?

    @Flag(help: "Count plays Spotify marks as incognito and leave them out (by default they are kept and marked).")
    var dropIncognito = false

    @Option(help: "Summary format: text or json.")
    var format: SummaryFormat = .text

    enum SummaryFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws {
        if files.isEmpty {
            throw ValidationError("give at least one CSV file, for example `jukebox ingest data/spotify_tracks.csv`")
        }
        if let playlist, playlist.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--playlist needs a playlist name; it must not be empty")
        }
        _ = try columnOverrides()
        if let genre {
            // v_tracks joins a track's genres with ';', so a name with ';' (or no name) would corrupt that column.
            if genre.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--genre needs a genre name; it must not be empty")
            }
            if genre.contains(";") {
                throw ValidationError("--genre '\(genre)' contains ';', which separates genres in v_tracks; give one genre name without ';'")
            }
        }
    }

    func columnOverrides() throws -> [String: TrackField] {
        var overrides: [String: TrackField] = [:]
        for mapping in mappings {
            let parts = mapping.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ValidationError("--map takes SOURCE=TARGET, for example --map 'Song Title=track_name'; got '\(mapping)'")
            }
            guard let field = TrackField(rawValue: parts[1]) else {
                throw ValidationError("--map target '\(parts[1])' is not a warehouse field; use one of: "
                                      + TrackField.allCases.map(\.rawValue).joined(separator: ", "))
            }
            overrides[parts[0]] = field
        }
        return overrides
    }

    func run() throws {
        var options = IngestOptions()
        options.strict = strict
        options.force = force
        options.columnOverrides = try columnOverrides()
        options.extraGenre = genre?.trimmingCharacters(in: .whitespaces)
        options.playlistName = playlist?.trimmingCharacters(in: .whitespaces)
        options.listener = listener ?? "me"
        options.expectsHistory = listener != nil
        options.dropIncognito = dropIncognito
        let warehouse = try reportingErrors { try self.warehouse.open() }
        let ingester = Ingester(warehouse: warehouse)
        // Files that loaded nothing (an error said why), and archive entries refused while the rest of their archive loaded.
        var failedFiles = 0
        var refusedEntries = 0
        var reports: [IngestReport] = []
        for file in files {
            let name = URL(fileURLWithPath: file).lastPathComponent
            let started = Date()
            do {
                let fileReports = try ingester.ingestAll(path: file, options: options) { rows, bytes, total in
                    let elapsed = max(Date().timeIntervalSince(started), 0.001)
                    let rate = "\(Console.grouped(rows)) rows  \(Console.grouped(Int(Double(rows) / elapsed))) rows/s"
                    // A stream (a FIFO, /dev/stdin on a pipe) has no size to show a bar against.
                    guard total > 0 else { return Console.progress("\(name) \(rate)") }
                    // A file that grows while it loads reads past its starting size: the bar stops at full.
                    let percent = min(100, max(0, Int(100 * Double(bytes) / Double(total))))
                    let width = 30
                    let filled = width * percent / 100
                    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                    Console.progress("\(name) \(bar) \(percent)%  \(rate)")
                }
                Console.endProgress()
                reports += fileReports
                // An archive's entries: an entry refused is an error of its own; the skipped ones are counted.
                for report in fileReports where report.outcome == .refused {
                    refusedEntries += 1
                    Console.message("jukebox: error: \(report.reason ?? report.file)")
                }
                if format == .text {
                    for report in fileReports where report.outcome != .refused && report.outcome != .skipped { Console.show(summary(report)) }
                    let skipped = fileReports.filter { $0.outcome == .skipped }
                    if !skipped.isEmpty { Console.show(skippedSummary(skipped, archive: file)) }
                }
            } catch {
                Console.endProgress()
                failedFiles += 1
                let text = (error as? LocalizedError)?.errorDescription ?? "\(error)"
                Console.message("jukebox: error: \(text)")
            }
        }
        let stats = try reportingErrors { try warehouse.read { try WarehouseStats.fetch($0) } }
        switch format {
        case .text:
            // A file that failed said so above; the summary never reads as if it loaded.
            if failedFiles == files.count {
                Console.message("jukebox: nothing was loaded (" + (files.count == 1 ? "the file could not be loaded)" : "none of the \(files.count) files could be loaded)"))
                break
            }
            var failed: [String] = []
            if failedFiles > 0 { failed.append("\(failedFiles) of \(files.count) files could not be loaded") }
            if refusedEntries > 0 { failed.append("\(refusedEntries) archive \(refusedEntries == 1 ? "entry was" : "entries were") refused") }
            let failedNote = failed.isEmpty ? "" : "; " + failed.joined(separator: "; ") + " (see above)"
            Console.show("The warehouse \(warehouse.path) now holds \(Console.grouped(stats.tracks)) tracks, "
                        + "\(Console.grouped(stats.artists)) artists, \(Console.grouped(stats.albums)) albums and "
                        + "\(Console.grouped(stats.genres)) genres from \(stats.ingests) ingest(s)\(failedNote).\n")
        case .json:
            let data = try JSONEncoder.sorted.encode(reports)
            Console.out(String(decoding: data, as: UTF8.self) + "\n")
        }
        if failedFiles + refusedEntries > 0 { throw ExitCode.failure }
    }

    /// One line for the entries of an archive that are not listening histories, naming the first few.
    private func skippedSummary(_ skipped: [IngestReport], archive: String) -> String {
        let names = skipped.prefix(5).map { String($0.file.dropFirst(archive.count + 1)) }.joined(separator: ", ")
        return "\(archive): \(Console.grouped(skipped.count)) other entries skipped (not listening histories by their names, or folders): "
            + names + (skipped.count > 5 ? ", ..." : "") + "\n"
    }

    /// How every entry of a history ended: the counts add up to the entries read.
    private func historyLines(_ report: IngestReport) -> [String] {
        let g = Console.grouped
        guard let e = report.entries else { return ["  \(g(report.rowsRead)) entries"] }
        func bySource(_ counts: [String: Int]) -> String {
            counts.sorted { $0.key < $1.key }.map { "\(g($0.value)) of \($0.key)" }.joined(separator: ", ")
        }
        var stored = "\(g(e.stored)) stored (\(g(e.storedMatched)) matched to a track, \(g(e.storedUnmatched)) unmatched, kept"
        if e.incognitoKept > 0 { stored += "; \(g(e.incognitoKept)) incognito, kept and marked" }
        if !e.replacedPoorerCopyOf.isEmpty { stored += "; replacing a poorer copy: " + bySource(e.replacedPoorerCopyOf) }
        stored += ")"
        return ["  \(g(report.rowsRead)) entries: " + stored,
                "  \(g(e.duplicates)) duplicates" + (e.duplicates > 0 ? " (a copy kept: " + bySource(e.duplicateOf) + ")" : "")
                    + ", \(g(e.podcast)) podcast, \(g(e.audiobook)) audiobook, \(g(e.skippedByRule)) skipped by rule (zero-length or not a play), "
                    + "\(g(e.incognitoDropped)) incognito dropped, \(g(e.rejected)) rejected"]
    }

    private func summary(_ report: IngestReport) -> String {
        let g = Console.grouped
        if report.outcome == .alreadyLoaded {
            return "\(report.file): already loaded as ingest \(report.ingestID) (same SHA-256); nothing to do. Use --force to load it again.\n"
        }
        if report.kind == .history {
            var lines = ["\(report.file): loaded as ingest \(report.ingestID) (listening history)"]
            lines.append(contentsOf: historyLines(report))
            if report.rowsRejected > 0 { lines.append("  list the rejected entries with: jukebox rejects --ingest \(report.ingestID)") }
            return lines.joined(separator: "\n") + "\n"
        }
        if report.kind == .artists {
            var lines = ["\(report.file): loaded as ingest \(report.ingestID) (artist list)"]
            lines.append("  \(g(report.rowsRead)) rows read: \(g(report.rowsAccepted)) accepted, \(g(report.rowsRejected)) rejected")
            lines.append("  \(g(report.artistsNew)) new artists, \(g(report.artistsLinked)) linked by Spotify id or name, "
                         + "\(g(report.artistGenres)) artist genre tags")
            if report.rowsRejected > 0 { lines.append("  list the rejected rows with: jukebox rejects --ingest \(report.ingestID)") }
            return lines.joined(separator: "\n") + "\n"
        }
        let rate = report.seconds > 0 ? Int(Double(report.rowsRead) / report.seconds) : report.rowsRead
        var lines = ["\(report.file): loaded as ingest \(report.ingestID) in \(String(format: "%.2f", report.seconds)) s (\(g(rate)) rows/s)"]
        lines.append("  \(g(report.rowsRead)) rows read: \(g(report.rowsAccepted)) accepted, \(g(report.rowsRejected)) rejected"
                     + (report.rowsDuplicate > 0 ? "; \(g(report.rowsDuplicate)) exact duplicate rows counted once" : ""))
        lines.append("  \(g(report.tracksNew)) new tracks, \(g(report.tracksUpdated)) updated"
                     + (report.popularityConflicts > 0
                        ? "; \(g(report.popularityConflicts)) tracks had conflicting popularity values (the highest was kept)" : ""))
        if report.listensLinked > 0 { lines.append("  \(g(report.listensLinked)) earlier plays linked to their tracks") }
        if report.playlists > 0 { lines.append("  \(g(report.playlists)) playlist(s) with \(g(report.playlistTracks)) tracks (their members replaced)") }
        if !report.ignoredColumns.isEmpty { lines.append("  ignored columns: " + report.ignoredColumns.joined(separator: ", ")) }
        if report.rowsRejected > 0 {
            lines.append("  list the rejected rows with: jukebox rejects --ingest \(report.ingestID)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
