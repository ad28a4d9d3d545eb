import Analytics
import ArgumentParser
import Foundation
import Store

struct TrendsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract: "How audio features and popularity are distributed by year, decade, snapshot or genre.",
        discussion: """
            Each row is one group and feature: count, mean, median and quartiles (q1, q3). By snapshot, \
            groups are ingests: the popularity each dump observed and the features of the tracks it held. \
            --compare A B contrasts two groups (two genres, decades such as 2000s 2010s, years, or with \
            --by snapshot two ingest ids) per feature with the difference of means and Cohen's d.

            With --listener NAME (a history loaded by `jukebox ingest --listener`) the rows are that listener's \
            plays by month (default), year, weekday or hour (UTC): plays, minutes, skips, distinct artists, new \
            artists (first played in that period) and their share (discovery), the mean valence and energy of \
            the plays whose tracks have audio features (audio_coverage says how many), the top artists and \
            genres. --compare A B sets two periods side by side (2024 2025, 2024-03 2024-04, Mon Sat, 7 22).
            """
    )

    @OptionGroup var warehouse: WarehouseOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp(
        "A feature to summarize; repeatable, or 'all'. Default: " + TrendDefaults.features.map(\.name).joined(separator: ", ") + " (with --compare: all).",
        discussion: TrackFeature.allCases.map(\.name).joined(separator: ", "), valueName: "name"))
    var feature: [String] = []

    @Option(help: ArgumentHelp("Group by year, decade, snapshot or genre. Default: \(Trends.defaultGroupingRule); with --compare, guessed from the groups.",
                               valueName: "grouping"))
    var by: String?

    @Option(help: ArgumentHelp("Show the N groups with the most tracks; 0 for all. Default: \(TrendDefaults.genreGroups) when grouped by genre without --by, else all.",
                               valueName: "N"))
    var groups: Int?

    @Option(help: ArgumentHelp("Only tracks filed under this genre.", valueName: "name"))
    var genre: String?

    @Option(help: ArgumentHelp("Only tracks credited to this artist.", valueName: "name"))
    var artist: String?

    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "Contrast two groups of --by: two genres, decades, years or snapshots.",
        discussion: "Without --by the kind is guessed from the first group: 2000s is a decade, 2004 a year, "
            + "anything else a genre (pop rock). Snapshots are ingest ids and need --by snapshot (--by snapshot --compare 1 2).",
        valueName: "group"))
    var compare: [String] = []

    @Option(help: ArgumentHelp("A listener's plays by --by month|year|weekday|hour instead of tracks' features.", valueName: "name"))
    var listener: String?

    func validate() throws {
        if listener != nil {
            if !feature.isEmpty || genre != nil || artist != nil || groups != nil {
                throw ValidationError("--listener takes no --feature, --genre, --artist or --groups: it summarizes the listener's plays")
            }
            if !compare.isEmpty, compare.count != 2 { throw ValidationError("--compare takes two periods, e.g. --compare 2024 2025") }
            if let by, ListeningGrouping(rawValue: by.lowercased()) == nil {
                throw ValidationError("with --listener, --by must be one of " + ListeningGrouping.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if by == nil, let first = compare.first, ListeningGrouping.inferred(from: first) == nil {
                throw ValidationError("cannot tell what kind of period '\(first)' is: give --by month|year|weekday|hour")
            }
            return
        }
        if !compare.isEmpty, compare.count != 2 { throw ValidationError("--compare takes two groups, e.g. --compare 2000s 2010s") }
        if let groups, groups < 0 { throw ValidationError("--groups must be 0 (all) or more") }
        if let by, TrendGrouping(rawValue: by.lowercased()) == nil {
            throw ValidationError("--by must be one of " + TrendGrouping.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    func run() throws {
        if let listener { return try listening(listener) }
        try reportingErrors {
            let features = try NameChoices.listing(in: nil) { try TrendRequest.features(named: feature) }
            let request = TrendRequest(features: features, grouping: by.flatMap { TrendGrouping(rawValue: $0.lowercased()) },
                                       genre: genre, artist: artist, compare: compare.isEmpty ? nil : (compare[0], compare[1]), groups: groups)
            try warehouse.openReadOnly().read { reader in
                let plan = try NameChoices.listing(in: reader) { try Trends.plan(request, in: reader) }
                noteGrouping(plan)
                try listingChoices(request, in: reader) {
                    if let contrast = try plan.contrast(in: reader) {
                        printComparison(contrast)
                    } else {
                        printRows(try plan.rows(in: reader), grouping: plan.query.grouping)
                        if feature.isEmpty {
                            Console.message("jukebox: note: features " + TrendDefaults.features.map(\.name).joined(separator: ", ")
                                + " (--feature all for all \(TrackFeature.allCases.count), or --feature NAME)")
                        }
                    }
                }
            }
        }
    }

    /// `--listener`: one library call, one table.
    private func listening(_ listener: String) throws {
        try reportingErrors {
            let grouping = by.flatMap { ListeningGrouping(rawValue: $0.lowercased()) }
                ?? compare.first.flatMap(ListeningGrouping.inferred) ?? .month
            let reader = try warehouse.openReadOnly()
            func top(_ counts: [PlayCount]) -> Cell { .text(counts.map { "\($0.name) (\($0.plays))" }.joined(separator: "; ")) }
            func mood(_ value: Double?) -> Cell { value.map(Self.number) ?? .null }
            if compare.isEmpty {
                let report = try reader.read { try Listening.report(listener, by: grouping, in: $0) }
                Console.message("(\(report.listener): \(report.plays.formatted()) plays, \(Int(report.minutes.rounded()).formatted()) minutes, by \(grouping.rawValue), UTC)")
                let table = ResultTable(
                    columns: [grouping.rawValue, "plays", "minutes", "skips", "artists", "new_artists", "discovery", "valence", "energy",
                              "audio_coverage", "top_artists", "top_genres"],
                    rows: report.periods.map { p in
                        [.text(p.period), .int(p.plays), Self.number(p.minutes), .int(p.skips), .int(p.artists), .int(p.newArtists),
                         Self.number(p.discovery), mood(p.valence), mood(p.energy), Self.number(p.audioCoverage), top(p.topArtists), top(p.topGenres)]
                    })
                table.write(output, defaultColumns: [grouping.rawValue, "plays", "minutes", "skips", "new_artists", "discovery", "valence", "energy",
                                                     "top_artists"])
            } else {
                let (a, b) = try reader.read { try Listening.compare(listener, compare[0], compare[1], by: grouping, in: $0) }
                func row(_ measure: String, _ x: Double?, _ y: Double?) -> [Cell] {
                    [.text(measure), mood(x), mood(y), x.flatMap { x in y.map { Self.number($0 - x) } } ?? .null]
                }
                var rows = [row("plays", Double(a.plays), Double(b.plays)), row("minutes", a.minutes, b.minutes),
                            row("skips", Double(a.skips), Double(b.skips)), row("artists", Double(a.artists), Double(b.artists)),
                            row("new_artists", Double(a.newArtists), Double(b.newArtists)), row("discovery", a.discovery, b.discovery),
                            row("valence", a.valence, b.valence), row("energy", a.energy, b.energy),
                            row("audio_coverage", a.audioCoverage, b.audioCoverage)]
                rows.append([.text("top_artists"), top(a.topArtists), top(b.topArtists), .null])
                rows.append([.text("top_genres"), top(a.topGenres), top(b.topGenres), .null])
                Console.out(ResultTable(columns: ["measure", a.period, b.period, "difference"], rows: rows).render(output.resolved))
            }
        }
    }

    /// What the grouping stands on, on stderr: the default rule's reason, or how many tracks a year or decade trend reads.
    private func noteGrouping(_ plan: TrendPlan) {
        switch plan.groupingSource {
        case let .defaulted(note):
            Console.message("jukebox: note: \(note) (--by year|decade|snapshot|genre)")
        case .asked:
            if let (withYear, total) = plan.yearCoverage, withYear > 0, withYear < total {
                Console.message("jukebox: note: based on \(withYear) of \(total) tracks: only these have a release year")
            }
        case .inferredFromCompare:
            break
        }
    }

    /// Runs `body` listing the choices for an unknown name (`NameChoices`). `--compare 1 2` without --by reads as two
    /// genres: when such a group is the unknown genre, the error also says how to compare ingests.
    private func listingChoices(_ request: TrendRequest, in reader: WarehouseReader, _ body: () throws -> Void) throws {
        let compared = request.compare.map { [$0.a, $0.b] } ?? []
        let ingestIDs = request.grouping == nil && request.statedGrouping == .genre && compared.allSatisfy { Int($0) != nil }
        var unknownGroup = false
        do {
            try NameChoices.listing(in: reader) {
                do { try body() } catch let AnalyticsError.unknownGenre(name, suggestions) where ingestIDs && compared.contains(name) {
                    unknownGroup = true
                    throw AnalyticsError.unknownGenre(name, suggestions: suggestions)
                }
            }
        } catch let CLIError.unknownName(text) where unknownGroup {
            throw CLIError.unknownName(text + "; to compare ingests, give --by snapshot")
        }
    }

    /// The rows as a table, saying on stderr which groups were left out; on a terminal, a sparkline per feature.
    private func printRows(_ kept: TrendRows, grouping: TrendGrouping) {
        if kept.leftOutGroups {
            Console.message("jukebox: note: the \(kept.groupLimit) \(grouping.rawValue)s with the most tracks of \(kept.groupCount) (--groups 0 for all of them)")
        }
        let rows = kept.rows
        let format = output.resolved
        let table = ResultTable(
            columns: [grouping.rawValue, "feature", "count", "mean", "median", "q1", "q3"],
            rows: rows.map { row in
                [.text(row.group), .text(row.feature.name), .int(row.summary.count), Self.number(row.summary.mean),
                 Self.number(row.summary.median), Self.number(row.summary.q1), Self.number(row.summary.q3)]
            })
        Console.out(table.render(format))
        guard format == .table else { return }
        // The shape of each feature's mean across groups, one line per feature.
        let features = rows.map(\.feature).reduce(into: [TrackFeature]()) { if !$0.contains($1) { $0.append($1) } }
        let width = features.map(\.name.count).max() ?? 0
        Console.show("\n")
        for feature in features {
            let groups = rows.filter { $0.feature == feature }
            guard groups.count > 1 else { continue }
            let line = Sparkline.render(groups.map(\.summary.mean))
            Console.show(feature.name.padding(toLength: width, withPad: " ", startingAt: 0)
                + "  \(line)  mean, \(groups[0].group) → \(groups[groups.count - 1].group)\n")
        }
    }

    private func printComparison(_ contrast: TrendContrast) {
        let (a, b) = (contrast.a, contrast.b)
        let table = ResultTable(
            columns: ["feature", "group_a", "n_a", "mean_a", "group_b", "n_b", "mean_b", "difference", "cohens_d", "effect"],
            rows: contrast.comparisons.map { item in
                [.text(item.feature.name), .text(a), .int(item.a.count), Self.number(item.a.mean),
                 .text(b), .int(item.b.count), Self.number(item.b.mean), Self.number(item.difference),
                 item.cohensD.map(Self.number) ?? .null, .text(item.effect)]
            })
        Console.out(table.render(output.resolved))
    }

    /// Full precision: a table rounds for reading (`Cell.readable`), CSV and JSON keep every digit.
    private static func number(_ value: Double) -> Cell {
        .double(value)
    }
}
