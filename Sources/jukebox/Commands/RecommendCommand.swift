import Analytics
import ArgumentParser
import Foundation
import GRDB
import Ingest
import Store

struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend tracks near seed tracks, an artist, or a listening history.",
        discussion: """
            Seeds are Spotify ids (or spotify:track: URIs and open.spotify.com links) or "artist - title". The taste profile is the weighted mean of the seeds in standardized audio-feature space; results are the nearest tracks, pulled up by shared genres and a shared cluster, each with the reason. A history file is a text list (one track per line; a repeated line counts more) or a CSV (read as ingest reads a dump) with a track_id column, or artist and title/name/song columns, and optionally a plays or weight column. The seeds and other rows of the same songs never come back.
            """
    )

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("Seed tracks.", valueName: "track"))
    var seeds: [String] = []

    @Option(help: "Use every track of this artist as a seed.") var artist: String?
    @Option(help: ArgumentHelp("A listening history file (text or CSV).", valueName: "file")) var history: String?
    @Option(name: .shortAndLong, help: "How many tracks.") var count: Int = 10
    @Option(help: "Only tracks tagged with this genre.") var genre: String?
    @Option(name: .customLong("exclude-artist"), help: "Leave out this artist (repeatable).") var excludedArtists: [String] = []
    @Flag(inversion: .prefixedNo, help: "Only explicit (--explicit) or only clean (--no-explicit) tracks.") var explicit: Bool?
    @Option(help: "Lowest popularity (0-100).") var minPopularity: Int?
    @Option(help: "Highest popularity (0-100).") var maxPopularity: Int?
    @Option(help: "At most this many tracks per lead artist.") var maxPerArtist: Int?

    func validate() throws {
        if seeds.isEmpty && artist == nil && history == nil {
            throw ValidationError("give seed tracks, --artist NAME or --history FILE")
        }
        guard count >= 1 else { throw ValidationError("--count must be at least 1") }
        for bound in [minPopularity, maxPopularity].compactMap({ $0 }) where !(0...100).contains(bound) {
            throw ValidationError("popularity bounds must be within 0...100")
        }
        if let minPopularity, let maxPopularity, minPopularity > maxPopularity {
            throw ValidationError("--min-popularity (\(minPopularity)) must not exceed --max-popularity (\(maxPopularity))")
        }
        if let maxPerArtist, maxPerArtist < 1 { throw ValidationError("--max-per-artist must be at least 1") }
    }

    func run() throws {
        try reportingErrors {
            let warehouse = try self.warehouse.openReadOnly()
            let answer = try warehouse.pool.read { db -> RecommendationAnswer in
                var request = RecommendationRequest()
                request.count = count
                request.genre = try genre.map { name in try NameChoices.listing(in: db) { try NameLookup.genre(name, in: db) } }
                request.excludedArtists = Set(try excludedArtists.map { try NameLookup.artist($0, in: db).lowercased() })
                request.explicit = explicit
                request.minPopularity = minPopularity
                request.maxPopularity = maxPopularity
                request.maxPerArtist = maxPerArtist
                var weights: [String: Double] = [:]
                for seed in seeds { weights[try NameLookup.track(seed, in: db).trackID, default: 0] += 1 }
                if let artist {
                    let name = try NameLookup.artist(artist, in: db)
                    for id in try String.fetchAll(db, sql: """
                        SELECT ta.track_id FROM track_artists ta JOIN artists a USING (artist_id) WHERE a.name = ?
                        """, arguments: [name]) { weights[id, default: 0] += 1 }
                    request.excludedArtists.insert(name.lowercased())
                }
                if let history { for (id, weight) in try HistoryFile.read(history, db: db) { weights[id, default: 0] += weight } }
                request.seeds = weights.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
                return try Recommender().recommend(request, in: db)
            }
            let results = answer.results
            if results.count < count { Console.message("only \(results.count) track(s) pass the filters") }
            Console.message("(\(answer.source))")
            let table = ResultTable(
                columns: ["rank", "track_id", "track_name", "artists", "genres", "popularity", "distance", "reason"],
                rows: results.enumerated().map { i, r in
                    [.int(i + 1), .text(r.trackID), .text(r.trackName), .text(r.artists.joined(separator: ";")),
                     .text(r.genres.joined(separator: ";")), Cell(r.popularity), .double((r.distance * 1000).rounded() / 1000), .text(r.reason)]
                })
            Console.out(table.render(output.resolved))
        }
    }
}

/// A listening history: a text list of tracks, or a CSV naming them; weights from repeats or a plays/weight column.
enum HistoryFile {
    static func read(_ path: String, db: Database) throws -> [String: Double] {
        let entries = try self.entries(path)
        let matcher = try TrackMatcher(db)
        var weights: [String: Double] = [:]
        var unknown: [String] = []
        for entry in entries {
            if let query = entry.query, let id = matcher.match(query) { weights[id, default: 0] += entry.weight } else { unknown.append(entry.label) }
        }
        if !unknown.isEmpty {
            Console.message("history: \(unknown.count) line(s) matched no track and were skipped (first: \(unknown[0]))")
        }
        if weights.isEmpty { throw ValidationError("no line of \(path) matched a track in the warehouse") }
        return weights
    }

    /// What each line names, and how much it counts.
    struct Entry {
        var query: String?
        var weight: Double = 1
        /// How a line that matches nothing is shown.
        var label: String
    }

    /// A CSV (read by the ingest's RFC 4180 reader) when its header names a track_id column, or artist and
    /// title columns; else a text list, one track per line.
    static func entries(_ path: String) throws -> [Entry] {
        do {
            let reader = try CSVReader(path: path)
            guard let header = try reader.next() else { return [] }
            let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let idColumn = names.firstIndex(of: "track_id")
            let artistColumn = names.firstIndex(where: { ["artist", "artists", "artist_name"].contains($0) })
            let titleColumn = names.firstIndex(where: { ["title", "name", "song", "track_name"].contains($0) })
            let weightColumn = names.firstIndex(where: { ["plays", "weight", "count"].contains($0) })
            if idColumn != nil || (artistColumn != nil && titleColumn != nil) {
                var entries: [Entry] = []
                while let record = try reader.next() {
                    if let problem = record.problem {
                        entries.append(Entry(label: "line \(record.lineNumber): \(problem)"))
                        continue
                    }
                    let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
                    func field(_ column: Int?) -> String? { column.flatMap { $0 < fields.count && !fields[$0].isEmpty ? fields[$0] : nil } }
                    let query = field(idColumn) ?? field(artistColumn).flatMap { artist in field(titleColumn).map { artist + " - " + $0 } }
                    entries.append(Entry(query: query, weight: field(weightColumn).flatMap(RowParser.decimalNumber) ?? 1,
                                         label: query ?? "line \(record.lineNumber)"))
                }
                return entries
            }
        } catch let error as CSVReader.ReadError {
            throw ValidationError(error.localizedDescription)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("cannot read the history file \(path)")
        }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { Entry(query: $0, label: $0) }
    }
}
