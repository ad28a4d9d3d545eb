import Foundation
import GRDB

/// Keeps cluster ids stable across retrains: each new cluster takes the id of the champion's cluster whose centroid
/// is nearest (closest pairs first), so `playlist --from-cluster 3` keeps meaning the same kind of music.
enum ClusterIDs {
    /// New id for each new cluster: a permutation of 0..<new.count. `old` maps the champion's ids to its centroids;
    /// both sets of centroids are in the same (standardized) units. New clusters left without a partner, and every
    /// cluster when there is no champion, take the remaining ids in order.
    static func matching(new: [[Double]], old: [Int: [Double]]) -> [Int] {
        var pairs: [(distance: Double, new: Int, old: Int)] = []
        for (i, centroid) in new.enumerated() {
            for (id, other) in old where id < new.count {
                pairs.append((zip(centroid, other).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }, i, id))
            }
        }
        pairs.sort { ($0.distance, $0.new, $0.old) < ($1.distance, $1.new, $1.old) }
        var ids = [Int?](repeating: nil, count: new.count)
        var taken = Set<Int>()
        for pair in pairs where ids[pair.new] == nil && !taken.contains(pair.old) {
            ids[pair.new] = pair.old
            taken.insert(pair.old)
        }
        var free = (0..<new.count).filter { !taken.contains($0) }.makeIterator()
        return ids.map { $0 ?? free.next()! }
    }

    /// The clusters champion's centroids in the standardized units of `space`, by cluster id (empty without a champion).
    static func championCentroids(_ db: Database, space: AudioSpace) throws -> [Int: [Double]] {
        guard let champion = try ModelRuns.champion(db, task: .clusters, featureSet: .audio) else { return [:] }
        var centroids: [Int: [Double]] = [:]
        let column = Dictionary(uniqueKeysWithValues: AudioSpace.columns.enumerated().map { ($1, $0) })
        for row in try Row.fetchAll(db, sql: "SELECT cluster_id, feature, value FROM cluster_centroids WHERE run_id = ?",
                                    arguments: [champion.runID]) {
            guard let c = column[row["feature"] as String] else { continue }
            let id: Int = row["cluster_id"], value: Double = row["value"]
            centroids[id, default: [Double](repeating: 0, count: AudioSpace.columns.count)][c] = (value - space.means[c]) / space.scales[c]
        }
        return centroids
    }
}
