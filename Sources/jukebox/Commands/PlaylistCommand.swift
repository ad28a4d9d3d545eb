import Analytics
import Core
import ArgumentParser
import Foundation
import Store

/// The shared formats plus m3u, which only a playlist has a use for.
enum PlaylistFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, ndjson, m3u
}

struct PlaylistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playlist",
        abstract: "Build a playlist from a genre, a cluster, a seed track or a mood, ordered for smooth listening.",
        discussion: """
            Picks the tracks nearest the target in standardized audio-feature space (one release per song), \
            then orders them by a greedy walk that keeps tempo, energy and key changes small; keys are \
            compared on the Camelot wheel. --format m3u writes Spotify URIs a player can open.
            """
    )

    @OptionGroup var warehouse: WarehouseOptions

    @Option(help: "Output format: table, csv, json, ndjson or m3u. Default: table on a terminal, csv when piped.")
    var format: PlaylistFormat?

    @Option(help: ArgumentHelp("Only tracks filed under this genre.", valueName: "name"))
    var genre: String?

    @Option(help: ArgumentHelp("Only tracks of this cluster of the trained clusters model (see v_track_clusters).",
                               valueName: "id"))
    var fromCluster: Int?

    @Option(help: ArgumentHelp("Open with this track (Spotify id or \"artist - title\"); the rest sound like it.",
                               valueName: "track"))
    var seed: String?

    @Option(help: ArgumentHelp("Target valence (0 sad ... 1 happy).", valueName: "x"))
    var valence: Double?

    @Option(help: ArgumentHelp("Target energy (0 calm ... 1 intense).", valueName: "x"))
    var energy: Double?

    @Option(help: ArgumentHelp("Target danceability (0 ... 1).", valueName: "x"))
    var danceability: Double?

    @Option(name: .shortAndLong, help: "How many tracks.")
    var count = 20

    private var mood: [TrackFeature: Double] {
        [TrackFeature.valence: valence, .energy: energy, .danceability: danceability].compactMapValues { $0 }
    }

    func validate() throws {
        guard genre != nil || fromCluster != nil || seed != nil || !mood.isEmpty else {
            throw ValidationError(
                "say what the playlist should be like: --genre, --from-cluster, --seed, or --valence/--energy/--danceability")
        }
        for (feature, value) in mood { try OptionRange.check(value, 0...1, "--\(feature.name)") }
        try OptionRange.check(count, 1...10_000, "--count")
        // Cluster ids run from 0 to one less than the most clusters `train --clusters` makes.
        try OptionRange.check(fromCluster, 0...(TrainCommand.clusterCounts.upperBound - 1), "--from-cluster")
    }

    func run() throws {
        let request = PlaylistRequest(genre: genre, cluster: fromCluster, seed: seed, mood: mood, count: count)
        let playlist = try reportingErrors {
            try warehouse.openReadOnly().read { reader in try NameChoices.listing(in: reader) { try PlaylistBuilder().build(request, in: reader) } }
        }
        if playlist.tracks.count < count {
            Console.message("jukebox: note: only \(playlist.tracks.count) distinct tracks match; the playlist is shorter than \(count)")
        }
        let resolved = format ?? (isatty(STDOUT_FILENO) != 0 ? .table : .csv)
        if resolved == .m3u {
            Console.out(try m3u(playlist.tracks))
        } else {
            Console.out(table(playlist.tracks).render(OutputFormat(rawValue: resolved.rawValue)!))
        }
    }

    private func table(_ tracks: [PlaylistTrack]) -> ResultTable {
        ResultTable(
            columns: ["position", "track_id", "track_name", "artists", "tempo", "energy", "key", "mode", "camelot"],
            rows: tracks.enumerated().map { position, track in
                [.int(position + 1), .text(track.trackID), .text(track.name), .text(track.artists.joined(separator: ";")),
                 .double(track.value(.tempo)), .double(track.value(.energy)), Cell(track.key), Cell(track.mode),
                 Cell(track.camelot?.description)]
            })
    }

    /// Extended M3U with Spotify URIs; derived ids have no URI, so they are left out and counted.
    private func m3u(_ tracks: [PlaylistTrack]) throws -> String {
        let output = try reportingErrors {
            try M3UWriter().render(tracks.map {
                M3UWriter.Entry(trackID: $0.trackID, artists: $0.artists, title: $0.name, durationMS: $0.durationMS)
            })
        }
        if output.skipped > 0 {
            Console.message("jukebox: note: left out \(output.skipped) track\(output.skipped == 1 ? "" : "s") without a Spotify id (jb- ids) from the m3u")
        }
        return output.text
    }
}
