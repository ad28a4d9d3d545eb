import GRDB

/// How a cluster of a clusters run reads: its size, centroid, most common genres and most typical tracks.
public struct ClusterProfile: Sendable {
    public var clusterID: Int
    public var size: Int
    /// (feature, value) in the features' own units.
    public var centroid: [(String, Double)]
    public var topGenres: [String]
    /// "artists - title" of the tracks nearest the centroid.
    public var typicalTracks: [String]

    /// Profiles of every cluster of `runID` (empty when the run wrote no clusters).
    public static func fetch(_ db: Database, runID: Int64, genres: Int = 3, tracks: Int = 3) throws -> [ClusterProfile] {
        let sizes = try Row.fetchAll(db, sql: "SELECT cluster_id, count(*) FROM cluster_assignments WHERE run_id = ? GROUP BY 1 ORDER BY 1",
                                     arguments: [runID])
        return try sizes.map { row in
            let id: Int = row[0]
            let order = { (feature: String) in AudioSpace.columns.firstIndex(of: feature) ?? Int.max }
            let centroid = try Row.fetchAll(db, sql: "SELECT feature, value FROM cluster_centroids WHERE run_id = ? AND cluster_id = ?",
                                            arguments: [runID, id]).map { ($0[0] as String, $0[1] as Double) }.sorted { order($0.0) < order($1.0) }
            let topGenres = try String.fetchAll(db, sql: """
                SELECT g.name FROM cluster_assignments c JOIN track_genres tg USING (track_id) JOIN genres g USING (genre_id)
                WHERE c.run_id = ? AND c.cluster_id = ? GROUP BY g.name ORDER BY count(*) DESC, g.name LIMIT ?
                """, arguments: [runID, id, genres])
            let typical = try String.fetchAll(db, sql: """
                SELECT coalesce(t.artists, '?') || ' - ' || t.track_name FROM cluster_assignments c JOIN v_tracks t USING (track_id)
                WHERE c.run_id = ? AND c.cluster_id = ? ORDER BY c.distance, c.track_id LIMIT ?
                """, arguments: [runID, id, tracks])
            return ClusterProfile(clusterID: id, size: row[1], centroid: centroid, topGenres: topGenres, typicalTracks: typical)
        }
    }
}
