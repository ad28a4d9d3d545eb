import Core
import GRDB
import Store

/// The seeds of a taste profile, from what `jukebox recommend` was given: seed tracks, every track of an artist,
/// a listening history; each track weighted by how often it was named (or by the history's plays).
public struct TasteSeeds: Sendable {
    public var seeds: [(trackID: String, weight: Double)]
    /// The artist given with `--artist`, as the warehouse spells it (its own tracks are left out of the results).
    public var artist: String?
    /// History lines that matched no track, as the file showed them.
    public var unmatched: [String]

    public static func resolve(tracks: [String], artist: String?, history: [HistoryLine], in reader: WarehouseReader) throws -> TasteSeeds {
        let db = reader.db
        var weights: [String: Double] = [:]
        for track in tracks { weights[try NameLookup.track(track, in: db).trackID, default: 0] += 1 }
        var artistName: String?
        if let artist {
            let name = try NameLookup.artist(artist, in: db)
            for id in try String.fetchAll(db, sql: """
                SELECT ta.track_id FROM track_artists ta JOIN artists a USING (artist_id) WHERE a.name = ?
                """, arguments: [name]) { weights[id, default: 0] += 1 }
            artistName = name
        }
        var unmatched: [String] = []
        if !history.isEmpty {
            let matcher = try TrackMatcher(db)
            for entry in history {
                if let id = entry.query.flatMap(matcher.match) ?? entry.fallback.flatMap(matcher.match) {
                    weights[id, default: 0] += entry.weight
                } else {
                    unmatched.append(entry.label)
                }
            }
        }
        return TasteSeeds(seeds: weights.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, artist: artistName, unmatched: unmatched)
    }
}
