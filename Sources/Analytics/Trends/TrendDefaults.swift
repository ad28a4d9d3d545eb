/// What `jukebox trends` answers when asked nothing in particular: one question on one screen, and how to get the rest.
public enum TrendDefaults {
    /// The features shown unless others are asked for: how popular, and what a listener hears first.
    public static let features: [TrackFeature] = [.popularity, .energy, .danceability, .valence]
    /// By genre, how many groups are shown unless more are asked for: those with the most tracks.
    public static let genreGroups = 12

    /// `rows` keeping the `limit` groups with the most tracks (in their natural order), and how many groups there were.
    public static func largestGroups(_ rows: [TrendRow], limit: Int) -> (rows: [TrendRow], groups: Int) {
        var sizes: [String: Int] = [:]
        for row in rows { sizes[row.group] = max(sizes[row.group] ?? 0, row.summary.count) }
        guard sizes.count > limit else { return (rows, sizes.count) }
        let kept = Set(sizes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(limit).map(\.key))
        return (rows.filter { kept.contains($0.group) }, sizes.count)
    }
}
