import Analytics
import ArgumentParser
import Core
import Foundation
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
            let entries = try history.map { try HistoryFile.entries($0) } ?? []
            let (answer, unmatched) = try warehouse.read { reader -> (RecommendationAnswer, [String]) in
                var request = RecommendationRequest()
                request.count = count
                request.genre = try genre.map { name in try NameChoices.listing(in: reader) { try NameLookup.genre(name, in: reader) } }
                request.excludedArtists = Set(try excludedArtists.map { try NameLookup.artist($0, in: reader).lowercased() })
                request.explicit = explicit
                request.minPopularity = minPopularity
                request.maxPopularity = maxPopularity
                request.maxPerArtist = maxPerArtist
                let taste = try TasteSeeds.resolve(tracks: seeds, artist: artist, history: entries, in: reader)
                if let artist = taste.artist { request.excludedArtists.insert(artist.lowercased()) }
                if let history, !entries.isEmpty, taste.seeds.isEmpty {
                    throw ValidationError("no line of \(history) matched a track in the warehouse")
                }
                request.seeds = taste.seeds
                return (try Recommender().recommend(request, in: reader), taste.unmatched)
            }
            if !unmatched.isEmpty {
                Console.message("history: \(unmatched.count) line(s) matched no track and were skipped (first: \(unmatched[0]))")
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
