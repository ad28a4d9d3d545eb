/// What `jukebox trends` groups tracks by.
public enum TrendGrouping: String, CaseIterable, Sendable {
    /// tracks.release_year
    case year
    /// tracks.release_year, by ten years: "1990s"
    case decade
    /// one group per ingest: the popularity it observed and the features of the tracks it observed
    case snapshot
    /// one group per genre; a track filed under two genres counts in both
    case genre

    /// The group a `--compare` label belongs to when `--by` is not given: "2000s" a decade, "2004" a
    /// year, anything else a genre.
    public static func inferred(from label: String) -> TrendGrouping {
        if label.wholeMatch(of: /\d{3}0s/) != nil { return .decade }
        if label.wholeMatch(of: /\d{4}/) != nil { return .year }
        return .genre
    }
}
