import Analytics
import ArgumentParser
import Core
import Foundation
import Ingest
import Store

struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend tracks for seed tracks, an artist, a listening history, a playlist or a listener.",
        discussion: """
            One engine answers every seed: the seeds become a taste profile (weighted tracks), and the results are tracks not in it, one per song (never another recording of a seed's song), scored by a blend of evidence: the profile's own artists, the albums its tracks come from, artists that share other playlists with them, tracks that share other playlists with its tracks (popular tracks damped), closeness to its audio profile, other playlists of its genre and subgenre, and popularity as a prior. Each result shows its score (higher first) and names its evidence; --weights sets the blend (as the offline evaluation in bench/recommend does), e.g. --weights artists=1,cooccurrence=0.5.

            Seeds are Spotify ids (or spotify:track: URIs and open.spotify.com links) or "artist - title", each weighing 1 (a repeated one more); --artist adds every track of an artist. A history file is a Spotify export (StreamingHistory*.json, Streaming_History_Audio_*.json or the downloaded .zip: each song weighs its minutes listened, a skip a minute against, with a 90-day half-life back from the latest play, as a loaded listener's plays do; songs skipped more than played are left out), a text list (one track per line; a repeated line counts more) or a CSV (read as ingest reads a dump) with a track_id column, or artist and title/name/song columns, and optionally a plays or weight column; its lines find their tracks by the rule that links a loaded listener's plays.

            With --playlist NAME_OR_ID (a playlist's name, its Spotify id or its integer id) the seeds are the playlist's tracks, and other playlists of its genre and subgenre count as evidence. Repeat --playlist to continue several playlists in one run (the output's playlist_id column tells them apart).

            With --listener NAME (a history loaded by `jukebox ingest --listener NAME FILE`) the seeds are what that listener plays: each play weighs the minutes listened (at most 10), a skip (skipped, ended by the forward button, or under 30 s) counts a minute against, and plays lose half their weight every 90 days back from the listener's latest play. The listener's best-liked tracks and the artists they like on balance are the profile; no song they have played comes back, and each result names the plays behind it ("you played Tame Impala 41 times").
            """
    )

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("Seed tracks.", valueName: "track"))
    var seeds: [String] = []

    @Option(help: "Use every track of this artist as a seed.") var artist: String?
    @Option(help: ArgumentHelp("A listening history file: a Spotify export (JSON or .zip), text or CSV.", valueName: "file")) var history: String?
    @Option(name: .shortAndLong, help: "How many tracks.") var count: Int = 10
    @Option(help: "Only tracks tagged with this genre.") var genre: String?
    @Option(name: .customLong("exclude-artist"), help: "Leave out this artist (repeatable).") var excludedArtists: [String] = []
    @Flag(inversion: .prefixedNo, help: "Only explicit (--explicit) or only clean (--no-explicit) tracks.") var explicit: Bool?
    @Option(help: "Lowest popularity (0-100).") var minPopularity: Int?
    @Option(help: "Highest popularity (0-100).") var maxPopularity: Int?
    @Option(help: "At most this many tracks per lead artist.") var maxPerArtist: Int?
    @Option(name: .customLong("playlist"), help: ArgumentHelp("Continue this playlist: its name, Spotify id or integer id (repeatable).",
                                                              valueName: "name-or-id"))
    var playlists: [String] = []
    @Option(help: ArgumentHelp("Recommend for this listener (as loaded by `ingest --listener`), from their plays.", valueName: "name"))
    var listener: String?
    @Option(help: ArgumentHelp("The evidence blend, KIND=WEIGHT,... over " + RecommendationEvidence.allCases.map(\.rawValue).joined(separator: ", ")
                               + " (default: \(RecommendationWeights.standard.description)).",
                               valueName: "weights"))
    var weights: String?

    func validate() throws {
        if listener != nil && (!seeds.isEmpty || artist != nil || history != nil || !playlists.isEmpty) {
            throw ValidationError("--listener takes no seed tracks, --artist, --history or --playlist: the listener's plays are the seeds")
        }
        if !playlists.isEmpty && (!seeds.isEmpty || artist != nil || history != nil) {
            throw ValidationError("--playlist takes no seed tracks, --artist or --history: the playlist's tracks are the seeds")
        }
        if seeds.isEmpty && artist == nil && history == nil && playlists.isEmpty && listener == nil {
            throw ValidationError("give seed tracks, --artist NAME, --history FILE, --playlist NAME_OR_ID or --listener NAME")
        }
        try OptionRange.check(count, 1...10_000, "--count")
        for problem in RecommendationFilters.popularityProblems(min: minPopularity, max: maxPopularity) {
            switch problem {
            case let .outOfRange(minimum, _):
                try OptionRange.check(minimum ? minPopularity : maxPopularity, RecommendationFilters.popularityRange,
                                      minimum ? "--min-popularity" : "--max-popularity")
            case let .inverted(low, high):
                throw ValidationError("--min-popularity (\(low)) must not exceed --max-popularity (\(high))")
            }
        }
        try OptionRange.check(maxPerArtist, 1...10_000, "--max-per-artist")
    }

    /// The seeds: one library call per seed (one per playlist), one table for all of them.
    func run() throws {
        try reportingErrors {
            let warehouse = try self.warehouse.openReadOnly()
            let entries = try history.map { try HistoryFile.entries($0) } ?? []
            let blend = try weights.map(RecommendationWeights.parse) ?? .standard
            let seeds: [RecommendationSeed] = !playlists.isEmpty ? playlists.map { .playlist($0) }
                : listener.map { [.listener($0)] } ?? [.tracks(self.seeds, artist: artist, history: entries)]
            let answers = try warehouse.read { reader -> [RecommendationAnswer] in
                let filters = try filters(reader)
                // One seed reads only the audio it needs; several share one loaded audio space.
                let space = seeds.count > 1 ? AudioSpace.once(reader) : nil
                return try seeds.map { seed in
                    var request = RecommendationRequest(seed: seed)
                    request.count = count
                    request.filters = filters
                    request.weights = blend
                    return try RecommendationEngine().recommend(request, in: reader, space: space)
                }
            }
            for answer in answers {
                let short = answer.results.count < count ? "only \(answer.results.count) track(s) pass the filters" : nil
                switch answer.subject {
                case let .tracks(seedCount, _, unmatched):
                    if !unmatched.isEmpty {
                        Console.message("history: \(unmatched.count) line(s) matched no track and were skipped (first: \(unmatched[0]))")
                    }
                    if let short { Console.message(short) }
                    Console.message("(from \(seedCount.formatted()) seed track(s); \(answer.candidates.formatted()) candidates scored)")
                case let .playlist(playlist):
                    if let short { Console.message("\(playlist.name): " + short) }
                    if answers.count == 1 {
                        Console.message("(continuing '\(playlist.name)', \(playlist.trackCount) tracks; \(answer.candidates.formatted()) candidates scored)")
                    }
                case let .listener(s):
                    Console.message("(for \(s.listener): \(s.plays.formatted()) plays, \(Int(s.minutes.rounded()).formatted()) minutes, \(s.skips.formatted()) skips, "
                        + "\(s.matchedPlays.formatted()) matched to tracks; latest \(s.latest ?? "-"); \(answer.candidates.formatted()) candidates scored)")
                    if let short { Console.message(short) }
                }
            }
            let perPlaylist = !playlists.isEmpty
            let columns = (perPlaylist ? ["playlist_id"] : []) + ["rank", "track_id", "track_name", "artists", "genres", "popularity", "score", "distance", "reason"]
            let table = ResultTable(
                columns: columns,
                rows: answers.flatMap { answer in
                    answer.results.enumerated().map { i, r -> [Cell] in
                        (perPlaylist ? [.int(Int(answer.subject.playlist?.playlistID ?? 0))] : [])
                            + [.int(i + 1), .text(r.trackID), .text(r.trackName), .text(r.artists.joined(separator: ";")),
                               .text(r.genres.joined(separator: ";")), Cell(r.popularity), .double(r.score), Cell(r.distance), .text(r.reason)]
                    }
                })
            table.write(output, defaultColumns: (perPlaylist ? ["playlist_id"] : []) + ["rank", "track_id", "track_name", "artists", "score", "reason"])
        }
    }

    /// The filter options, with genre and artist names as the warehouse spells them; seeds and playlists share them.
    func filters(_ reader: WarehouseReader) throws -> RecommendationFilters {
        var filters = RecommendationFilters()
        filters.genre = try genre.map { name in try NameChoices.listing(in: reader) { try NameLookup.genre(name, in: reader) } }
        filters.excludedArtists = Set(try excludedArtists.map { try NameLookup.artist($0, in: reader).lowercased() })
        filters.explicit = explicit
        filters.minPopularity = minPopularity
        filters.maxPopularity = maxPopularity
        filters.maxPerArtist = maxPerArtist
        return filters
    }
}
