/// A fitted k-means clustering.
public struct KMeansModel: Sendable, Equatable {
    /// k x features.
    public let centroids: ScoreMatrix
    /// Sum of squared distances of the training rows to their centroid.
    public let inertia: Double
    public let iterations: Int
    /// Cluster of each training row.
    public let labels: [Int]

    public init(centroids: ScoreMatrix, inertia: Double, iterations: Int, labels: [Int]) {
        self.centroids = centroids
        self.inertia = inertia
        self.iterations = iterations
        self.labels = labels
    }

    public var clusterCount: Int { centroids.rowCount }

    /// The same clustering with cluster `i` renamed `ids[i]` (`ids` is a permutation of 0..<clusterCount).
    public func relabeled(_ ids: [Int]) -> KMeansModel {
        precondition(ids.count == clusterCount && Set(ids) == Set(0..<clusterCount), "relabeling needs a permutation of the cluster ids")
        let d = centroids.columnCount
        var moved = [Double](repeating: 0, count: centroids.values.count)
        for (old, new) in ids.enumerated() { moved.replaceSubrange((new * d)..<((new + 1) * d), with: centroids.values[(old * d)..<((old + 1) * d)]) }
        return KMeansModel(centroids: ScoreMatrix(rowCount: clusterCount, columnCount: d, values: moved), inertia: inertia,
                           iterations: iterations, labels: labels.map { ids[$0] })
    }

    public func predict(_ x: FeatureMatrix) throws -> [Int] {
        guard x.columnCount == centroids.columnCount else {
            throw LearningError.invalidShape("the model expects \(centroids.columnCount) features, got \(x.columnCount)")
        }
        let norms = (0..<x.rowCount).map { r in (0..<x.columnCount).reduce(0.0) { $0 + x[r, $1] * x[r, $1] } }
        var labels = [Int32](repeating: 0, count: x.rowCount)
        _ = Self.assign(x, norms, centroids.values, clusterCount, &labels, accumulate: false)
        return labels.map(Int.init)
    }

    struct Step {
        var inertia: Double
        var sums: [Double]
        var counts: [Int]
        var farthestRow: Int
    }

    /// Nearest centroid for every row via ||x||^2 + ||c||^2 - 2 x.c, in parallel fixed chunks whose partial
    /// sums are merged in chunk order (deterministic on any core count).
    static func assign(_ x: FeatureMatrix, _ norms: [Double], _ centers: [Double], _ k: Int,
                       _ labels: inout [Int32], accumulate: Bool) -> Step {
        let n = x.rowCount, d = x.columnCount
        let cnorm = (0..<k).map { c in (0..<d).reduce(0.0) { $0 + centers[c * d + $1] * centers[c * d + $1] } }
        let chunk = KMeans.chunkSize
        let chunks = (n + chunk - 1) / chunk
        var partial = [Step](repeating: Step(inertia: 0, sums: [], counts: [], farthestRow: 0), count: chunks)
        var far = [Double](repeating: -1, count: chunks)
        labels.withUnsafeMutableBufferPointer { lb in
            let lab = SharedBuffer(lb.baseAddress!)
            partial.withUnsafeMutableBufferPointer { pb in
                let out = SharedBuffer(pb.baseAddress!)
                far.withUnsafeMutableBufferPointer { fb in
                    let farOut = SharedBuffer(fb.baseAddress!)
                    x.values.withUnsafeBufferPointer { xb in
                        centers.withUnsafeBufferPointer { cb in
                            Parallel.forEachFixedChunk(count: n, chunkSize: chunk) { ci, range in
                                var step = Step(inertia: 0, sums: accumulate ? [Double](repeating: 0, count: k * d) : [],
                                                counts: [Int](repeating: 0, count: k), farthestRow: range.lowerBound)
                                var worst = -1.0
                                for r in range {
                                    let row = xb.baseAddress! + r * d
                                    var bestC = 0
                                    var bestD = Double.infinity
                                    for c in 0..<k {
                                        let cen = cb.baseAddress! + c * d
                                        var dot = 0.0
                                        for j in 0..<d { dot += row[j] * cen[j] }
                                        let dist = cnorm[c] - 2 * dot
                                        if dist < bestD { bestD = dist; bestC = c }
                                    }
                                    let sq = max(0, bestD + norms[r])
                                    lab[r] = Int32(bestC)
                                    step.inertia += sq
                                    step.counts[bestC] += 1
                                    if sq > worst { worst = sq; step.farthestRow = r }
                                    if accumulate { for j in 0..<d { step.sums[bestC * d + j] += row[j] } }
                                }
                                out[ci] = step
                                farOut[ci] = worst
                            }
                        }
                    }
                }
            }
        }
        var total = Step(inertia: 0, sums: [Double](repeating: 0, count: accumulate ? k * d : 0),
                         counts: [Int](repeating: 0, count: k), farthestRow: 0)
        var worst = -1.0
        for (ci, p) in partial.enumerated() {
            total.inertia += p.inertia
            for c in 0..<k { total.counts[c] += p.counts[c] }
            if accumulate { for i in 0..<(k * d) { total.sums[i] += p.sums[i] } }
            if far[ci] > worst { worst = far[ci]; total.farthestRow = p.farthestRow }
        }
        return total
    }
}
