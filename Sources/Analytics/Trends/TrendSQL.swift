import Store

/// The SQL pieces `Trends` assembles: one group expression per grouping, one column per feature.
enum TrendSQL {
    struct Group {
        var label: String
        var joins: String
        var condition: String
        var order: String
    }

    static func group(_ grouping: TrendGrouping) -> Group {
        switch grouping {
        case .year:
            return Group(label: "CAST(t.release_year AS TEXT)", joins: "", condition: "t.release_year IS NOT NULL",
                         order: "t.release_year")
        case .decade:
            return Group(label: "((t.release_year / 10) * 10) || 's'", joins: "", condition: "t.release_year IS NOT NULL",
                         order: "t.release_year / 10")
        case .snapshot:
            return Group(label: "'#' || i.ingest_id || ' ' || i.file_name",
                         joins: "JOIN popularity_observations po ON po.track_id = t.track_id "
                             + "JOIN ingests i ON i.ingest_id = po.ingest_id",
                         condition: "1", order: "i.ingest_id")
        case .genre:
            return Group(label: "g.name",
                         joins: "JOIN track_genres tg ON tg.track_id = t.track_id JOIN genres g ON g.genre_id = tg.genre_id",
                         condition: "1", order: "g.name")
        }
    }

    /// By snapshot, popularity is the reading of that snapshot; otherwise the latest reading.
    static func column(_ feature: TrackFeature, grouping: TrendGrouping) -> String {
        switch feature {
        case .popularity:
            return grouping == .snapshot ? "po.popularity"
                : TrackSQL.latestPopularity(of: "t.track_id")
        case .durationMS:
            return "t.duration_ms"
        default:
            return "f.\(feature.rawValue)"
        }
    }
}
