import Foundation

/// Hyperparameters of k-means (Lloyd iterations, greedy k-means++ seeding, several seeded restarts;
/// the restart with the lowest inertia wins).
public struct KMeans: Sendable {
    public var clusterCount: Int
    public var restarts: Int = 4
    public var maxIterations: Int = 300
    /// Stop when the total squared centroid shift falls below tolerance x mean feature variance (scikit-learn's rule).
    public var tolerance: Double = 1e-4
    public var seed: UInt64 = 0

    public init(clusterCount: Int) { self.clusterCount = clusterCount }

    static let chunkSize = 2048

    public func fit(_ x: FeatureMatrix) throws -> KMeansModel {
        guard clusterCount >= 1 else { throw LearningError.invalidArgument("clusterCount must be >= 1") }
        guard x.rowCount >= clusterCount else {
            throw LearningError.notEnoughData("\(x.rowCount) rows cannot form \(clusterCount) clusters")
        }
        guard restarts >= 1, maxIterations >= 1 else { throw LearningError.invalidArgument("restarts and maxIterations must be >= 1") }
        guard !x.values.contains(where: { !$0.isFinite }) else {
            throw LearningError.invalidArgument("k-means needs finite values; impute missing values first")
        }
        let d = x.columnCount, n = x.rowCount
        var mean = [Double](repeating: 0, count: d), variance = [Double](repeating: 0, count: d)
        for r in 0..<n { for j in 0..<d { mean[j] += x[r, j] } }
        for j in 0..<d { mean[j] /= Double(n) }
        for r in 0..<n { for j in 0..<d { variance[j] += (x[r, j] - mean[j]) * (x[r, j] - mean[j]) } }
        let tol = tolerance * variance.reduce(0, +) / Double(n * d)
        let norms = (0..<n).map { r in (0..<d).reduce(0.0) { $0 + x[r, $1] * x[r, $1] } }
        // Restarts are independent (each has its own seeded stream), so they run concurrently; the lowest
        // inertia wins, ties going to the earliest restart.
        var models = [KMeansModel?](repeating: nil, count: restarts)
        models.withUnsafeMutableBufferPointer { mb in
            let out = SharedBuffer(mb.baseAddress!)
            Parallel.forEach(count: restarts) { restart in
                var rng = SeededGenerator(seed: SeededGenerator.derive(seed, 100, UInt64(restart)))
                let start = seedPlusPlus(x, norms, &rng)
                out[restart] = lloyd(x, norms, start, tol)
            }
        }
        var best = models[0]!
        for m in models.dropFirst() where m!.inertia < best.inertia { best = m! }
        return best
    }

    /// Greedy k-means++: each new centre is the best (lowest potential) of 2 + log(k) candidates drawn
    /// proportionally to the squared distance to the nearest chosen centre.
    func seedPlusPlus(_ x: FeatureMatrix, _ norms: [Double], _ rng: inout SeededGenerator) -> [Double] {
        let n = x.rowCount, d = x.columnCount, k = clusterCount
        let trials = 2 + Int(log(Double(k)))
        var centers = [Double]()
        let first = rng.nextInt(n)
        centers += x.row(first)
        // Distances to the nearest chosen centre; the trials write into two reused buffers (one per
        // candidate, one for the best so far) instead of allocating per candidate.
        var trial = [Double](repeating: .infinity, count: n), bestDist = trial, closest = trial
        var potential = Self.mergeDistances(x, to: first, into: &closest, from: trial)
        for _ in 1..<k {
            var bestCandidate = -1
            var bestPotential = Double.infinity
            for _ in 0..<trials {
                // Inverse-CDF sampling on D^2; fall back to a uniform draw when all distances are zero.
                var target = rng.nextUnit() * potential
                var cand = n - 1
                if potential > 0 {
                    for r in 0..<n { target -= closest[r]; if target < 0 { cand = r; break } }
                } else { cand = rng.nextInt(n) }
                let pot = Self.mergeDistances(x, to: cand, into: &trial, from: closest)
                if pot < bestPotential { bestPotential = pot; bestCandidate = cand; swap(&trial, &bestDist) }
            }
            centers += x.row(bestCandidate)
            swap(&closest, &bestDist)
            potential = bestPotential
        }
        precondition(centers.count == k * d)
        return centers
    }

    /// out[r] = min(closest[r], squared distance from row r to row c); returns the sum of out.
    private static func mergeDistances(_ x: FeatureMatrix, to c: Int, into out: inout [Double], from closest: [Double]) -> Double {
        let d = x.columnCount
        var potential = 0.0
        x.values.withUnsafeBufferPointer { xb in
            closest.withUnsafeBufferPointer { cl in
                out.withUnsafeMutableBufferPointer { ob in
                    let centre = xb.baseAddress! + c * d
                    for r in 0..<x.rowCount {
                        let row = xb.baseAddress! + r &* d
                        var s = 0.0
                        for j in 0..<d { let t = row[j] - centre[j]; s += t * t }
                        let m = min(cl[r], s)
                        ob[r] = m
                        potential += m
                    }
                }
            }
        }
        return potential
    }

    /// Lloyd iterations accelerated with Hamerly's bounds: an upper bound on the distance to the assigned
    /// centre and a lower bound on the distance to every other centre let most rows skip the full scan,
    /// while giving exactly the assignments plain Lloyd would.
    func lloyd(_ x: FeatureMatrix, _ norms: [Double], _ start: [Double], _ tol: Double) -> KMeansModel {
        let n = x.rowCount, d = x.columnCount, k = clusterCount
        var centers = start
        var labels = [Int32](repeating: 0, count: n)
        var upper = [Double](repeating: .infinity, count: n)
        var lower = [Double](repeating: 0, count: n)
        var iterations = 0
        var first = true
        while iterations < maxIterations {
            iterations += 1
            // Half the distance from each centre to its nearest other centre.
            var half = [Double](repeating: .infinity, count: k)
            for a in 0..<k {
                for b in 0..<k where b != a {
                    var s = 0.0
                    for j in 0..<d { let t = centers[a * d + j] - centers[b * d + j]; s += t * t }
                    half[a] = min(half[a], s.squareRoot() / 2)
                }
            }
            // Centres laid out coordinate-major in blocks of four, for the SIMD full scan; padding lanes are far away.
            let blocks = (k + 3) / 4
            var transposed = [Double](repeating: 1e150, count: d * blocks * 4)
            for c in 0..<k { for j in 0..<d { transposed[(j * blocks + c / 4) * 4 + c % 4] = centers[c * d + j] } }
            let chunk = Self.chunkSize
            let chunks = (n + chunk - 1) / chunk
            var partialSums = [Double](repeating: 0, count: chunks * k * d)
            var partialCounts = [Int](repeating: 0, count: chunks * k)
            let full = first
            labels.withUnsafeMutableBufferPointer { lb in
              upper.withUnsafeMutableBufferPointer { ub in
                lower.withUnsafeMutableBufferPointer { lob in
                  partialSums.withUnsafeMutableBufferPointer { psb in
                    partialCounts.withUnsafeMutableBufferPointer { pcb in
                      x.values.withUnsafeBufferPointer { xb in
                        centers.withUnsafeBufferPointer { cb in
                          transposed.withUnsafeBufferPointer { tb in
                            half.withUnsafeBufferPointer { hb in
                              let lab = SharedBuffer(lb.baseAddress!), up = SharedBuffer(ub.baseAddress!)
                              let lo = SharedBuffer(lob.baseAddress!)
                              let ps = SharedBuffer(psb.baseAddress!), pc = SharedBuffer(pcb.baseAddress!)
                              let xs = xb.baseAddress!, cs = cb.baseAddress!, halves = hb.baseAddress!
                              let lanes = UnsafeRawPointer(tb.baseAddress!)
                              Parallel.forEachFixedChunk(count: n, chunkSize: chunk) { ci, range in
                                // Each chunk owns its slice of the partial sums and counts.
                                let sums = ps.base + ci * k * d, counts = pc.base + ci * k
                                for r in range {
                                    let row = xs + r &* d
                                    var a = Int(lab[r])
                                    let bound = max(halves[a], lo[r])
                                    if full || up[r] > bound {
                                        var s = 0.0
                                        let centre = cs + a &* d
                                        for j in 0..<d { let t = row[j] - centre[j]; s += t * t }
                                        up[r] = s.squareRoot()
                                        if full || up[r] > bound {
                                            let near = Self.nearestTwo(row, lanes, blocks: blocks, d: d, k: k)
                                            a = near.index
                                            lab[r] = Int32(a)
                                            up[r] = near.best.squareRoot()
                                            lo[r] = near.second.squareRoot()
                                        }
                                    }
                                    counts[a] &+= 1
                                    let sum = sums + a &* d
                                    for j in 0..<d { sum[j] += row[j] }
                                }
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
            first = false
            var newCenters = [Double](repeating: 0, count: k * d)
            var counts = [Int](repeating: 0, count: k)
            for ci in 0..<chunks {
                for i in 0..<(k * d) { newCenters[i] += partialSums[ci * k * d + i] }
                for c in 0..<k { counts[c] += partialCounts[ci * k + c] }
            }
            var emptied = false
            for c in 0..<k {
                if counts[c] > 0 {
                    for j in 0..<d { newCenters[c * d + j] /= Double(counts[c]) }
                } else {
                    // Empty cluster: move it onto the row worst served by its centre.
                    var far = 0
                    for r in 0..<n where upper[r] > upper[far] { far = r }
                    for j in 0..<d { newCenters[c * d + j] = x[far, j] }
                    emptied = true
                }
            }
            var shift = 0.0
            var moves = [Double](repeating: 0, count: k)
            for c in 0..<k {
                var m = 0.0
                for j in 0..<d { let t = newCenters[c * d + j] - centers[c * d + j]; m += t * t }
                shift += m
                moves[c] = m.squareRoot()
            }
            centers = newCenters
            if shift <= tol { break }
            if emptied { first = true; continue }
            // Keep the bounds valid for the moved centres.
            // Another centre came at most as close as the largest move among the other centres: the largest
            // move overall, or the second largest for rows whose own centre moved most (Hamerly's refinement).
            var top = 0
            for c in 1..<k where moves[c] > moves[top] { top = c }
            let maxMove = moves[top]
            let otherMax = (0..<k).filter { $0 != top }.map { moves[$0] }.max() ?? 0
            for r in 0..<n {
                let a = Int(labels[r])
                upper[r] += moves[a]
                lower[r] -= a == top ? otherMax : maxMove
            }
        }
        // Final assignment against the final centres so labels and inertia agree with them.
        let final = KMeansModel.assign(x, norms, centers, k, &labels, accumulate: false)
        return KMeansModel(centroids: ScoreMatrix(rowCount: k, columnCount: d, values: centers),
                           inertia: final.inertia, iterations: iterations, labels: labels.map(Int.init))
    }

    /// Squared distances to the nearest and second-nearest centre and the nearest one's index (lowest index
    /// on ties), four centres at a time from the coordinate-major layout; padding lanes are far away.
    @inline(__always)
    static func nearestTwo(_ row: UnsafePointer<Double>, _ lanes: UnsafeRawPointer, blocks: Int, d: Int, k: Int)
        -> (best: Double, second: Double, index: Int) {
        var best = Double.infinity, second = Double.infinity
        var index = 0
        for block in 0..<blocks {
            var acc = SIMD4<Double>(repeating: 0)
            for j in 0..<d {
                let c = lanes.loadUnaligned(fromByteOffset: ((j &* blocks &+ block) &* 4) &* 8, as: SIMD4<Double>.self)
                let t = SIMD4<Double>(repeating: row[j]) - c
                acc += t * t
            }
            // Most blocks hold no new nearest or second: skip their lanes with one test.
            if acc.min() >= second { continue }
            for lane in 0..<4 where block &* 4 &+ lane < k {
                let s2 = acc[lane]
                if s2 < best { second = best; best = s2; index = block &* 4 &+ lane } else if s2 < second { second = s2 }
            }
        }
        return (best, second, index)
    }
}
