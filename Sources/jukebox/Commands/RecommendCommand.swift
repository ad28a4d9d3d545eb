import Analytics
import ArgumentParser
import Core
import Foundation
import Ingest
import Store

struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend tracks near seed tracks, an artist, or a listening history, or to continue a playlist.",
        discussion: """
            Seeds are Spotify ids (or spotify:track: URIs and open.spotify.com links) or "artist - title". The taste profile is the weighted mean of the seeds in standardized audio-feature space; results are the nearest tracks, pulled up by shared genres and a shared cluster, each with the reason. A history file is a Spotify export (StreamingHistory*.json, Streaming_History_Audio_*.json or the downloaded .zip: each song weighs its minutes listened, a skip a minute against, with a 90-day half-life back from the latest play; songs skipped more than played are left out), a text list (one track per line; a repeated line counts more) or a CSV (read as ingest reads a dump) with a track_id column, or artist and title/name/song columns, and optionally a plays or weight column. The seeds and other rows of the same songs never come back.

            With --playlist NAME_OR_ID (a playlist's name, its Spotify id or its integer id) the seeds are the playlist's tracks and the results are tracks not in it, one per song, scored by a blend of evidence: the playlist's own artists, the albums its tracks come from, artists that share other playlists with them, tracks that share other playlists with its tracks (popular tracks damped), closeness to its audio profile, other playlists of its genre and subgenre, and popularity as a prior. Each result names its evidence. Repeat --playlist to continue several playlists in one run (the output's playlist_id column tells them apart); --weights sets the blend (as the offline evaluation in bench/recommend does), e.g. --weights artists=1,cooccurrence=0.5.

            With --listener NAME (a history loaded by `jukebox ingest --listener NAME FILE`) the seeds are what that listener plays: each play weighs the minutes listened (at most 10), a skip (skipped, ended by the forward button, or under 30 s) counts a minute against, and plays lose half their weight every 90 days back from the listener's latest play. The listener's best-liked tracks and the artists they like on balance seed the same blend as --playlist; no song they have played comes back, and each result names the plays behind it ("you played Tame Impala 41 times").
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
    @Option(help: ArgumentHelp("With --playlist or --listener: the evidence blend, KIND=WEIGHT,... over " + PlaylistEvidence.allCases.map(\.rawValue).joined(separator: ", ")
                               + " (default: \(PlaylistEvidenceWeights.standard.description)).",
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
        if weights != nil && playlists.isEmpty && listener == nil { throw ValidationError("--weights goes with --playlist or --listener") }
        try OptionRange.check(count, 1...10_000, "--count")
        try OptionRange.check(minPopularity, 0...100, "--min-popularity")
        try OptionRange.check(maxPopularity, 0...100, "--max-popularity")
        if let minPopularity, let maxPopularity, minPopularity > maxPopularity {
            throw ValidationError("--min-popularity (\(minPopularity)) must not exceed --max-popularity (\(maxPopularity))")
        }
        try OptionRange.check(maxPerArtist, 1...10_000, "--max-per-artist")
    }

    func run() throws {
        if !playlists.isEmpty { return try continuePlaylists() }
        if let listener { return try recommendForListener(listener) }
        try reportingErrors {
            let warehouse = try self.warehouse.openReadOnly()
            let entries = try history.map { try HistoryFile.entries($0) } ?? []
            let (answer, unmatched) = try warehouse.read { reader -> (RecommendationAnswer, [String]) in
                var request = RecommendationRequest()
                request.count = count
                request.filters = try filters(reader)
                let taste = try TasteSeeds.resolve(tracks: seeds, artist: artist, history: entries, in: reader)
                if let artist = taste.artist { request.filters.excludedArtists.insert(artist.lowercased()) }
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
                columns: ["rank", "track_id", "track_name", "artists", "genres", "popularity", "score", "distance", "reason"],
                rows: results.enumerated().map { i, r in
                    [.int(i + 1), .text(r.trackID), .text(r.trackName), .text(r.artists.joined(separator: ";")),
                     .text(r.genres.joined(separator: ";")), Cell(r.popularity), .double(r.score), .double(r.distance),
                     .text(r.reason)]
                })
            table.write(output, defaultColumns: ["rank", "track_id", "track_name", "artists", "score", "reason"])
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

    /// `--listener`: one library call, the plays behind it, the table.
    func recommendForListener(_ listener: String) throws {
        try reportingErrors {
            let warehouse = try self.warehouse.openReadOnly()
            var request = ListenerRecommendationRequest(listener: listener)
            request.count = count
            request.weights = try weights.map(PlaylistEvidenceWeights.parse) ?? .standard
            let answer = try warehouse.read { reader -> ListenerRecommendationAnswer in
                request.filters = try filters(reader)
                return try PlaylistContinuation().recommend(request, in: reader)
            }
            let s = answer.summary
            Console.message("(for \(s.listener): \(s.plays.formatted()) plays, \(Int(s.minutes.rounded()).formatted()) minutes, \(s.skips.formatted()) skips, "
                + "\(s.matchedPlays.formatted()) matched to tracks; latest \(s.latest ?? "-"); \(answer.candidates.formatted()) candidates scored)")
            if answer.results.count < count { Console.message("only \(answer.results.count) track(s) pass the filters") }
            let table = ResultTable(
                columns: ["rank", "track_id", "track_name", "artists", "popularity", "score", "reason"],
                rows: answer.results.enumerated().map { i, r in
                    [.int(i + 1), .text(r.trackID), .text(r.trackName), .text(r.artists.joined(separator: ";")), Cell(r.popularity),
                     .double(r.score), .text(r.reason)]
                })
            table.write(output, defaultColumns: ["rank", "track_id", "track_name", "artists", "score", "reason"])
        }
    }

    /// `--playlist`: one library call per playlist, one table for all of them.
    func continuePlaylists() throws {
        try reportingErrors {
            let warehouse = try self.warehouse.openReadOnly()
            let blend = try weights.map(PlaylistEvidenceWeights.parse) ?? .standard
            let answers = try warehouse.read { reader -> [PlaylistContinuationAnswer] in
                let filters = try filters(reader)
                var space: RecommendationSpace?
                return try playlists.map { query in
                    var request = PlaylistContinuationRequest(playlistID: try NameLookup.playlist(query, in: reader).playlistID)
                    request.count = count
                    request.filters = filters
                    request.weights = blend
                    // One playlist reads only the audio it needs; several share one loaded audio space.
                    guard playlists.count > 1 else { return try PlaylistContinuation().recommend(request, in: reader) }
                    return try PlaylistContinuation().recommend(request, in: reader) {
                        if let space { return space }
                        let loaded = try RecommendationSpace.load(reader)
                        space = loaded
                        return loaded
                    }
                }
            }
            for answer in answers where answer.results.count < count {
                Console.message("\(answer.playlist.name): only \(answer.results.count) track(s) pass the filters")
            }
            if answers.count == 1, let answer = answers.first {
                Console.message("(continuing '\(answer.playlist.name)', \(answer.playlist.trackCount) tracks; \(answer.candidates.formatted()) candidates scored)")
            }
            let table = ResultTable(
                columns: ["playlist_id", "rank", "track_id", "track_name", "artists", "popularity", "score", "reason"],
                rows: answers.flatMap { answer in
                    answer.results.enumerated().map { i, r in
                        [.int(Int(answer.playlist.playlistID)), .int(i + 1), .text(r.trackID), .text(r.trackName),
                         .text(r.artists.joined(separator: ";")), Cell(r.popularity), .double(r.score), .text(r.reason)]
                    }
                })
            table.write(output, defaultColumns: ["playlist_id", "rank", "track_id", "track_name", "artists", "score", "reason"])
        }
    }
}
