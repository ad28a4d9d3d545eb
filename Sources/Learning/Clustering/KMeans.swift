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
        var closest = distancesTo(x, first)
        var potential = closest.reduce(0, +)
        for _ in 1..<k {
            var bestCandidate = -1
            var bestPotential = Double.infinity
            var bestDist = [Double]()
            for _ in 0..<trials {
                // Inverse-CDF sampling on D^2; fall back to a uniform draw when all distances are zero.
                var target = rng.nextUnit() * potential
                var cand = n - 1
                if potential > 0 {
                    for r in 0..<n { target -= closest[r]; if target < 0 { cand = r; break } }
                } else { cand = rng.nextInt(n) }
                let dist = distancesTo(x, cand)
                var pot = 0.0
                var merged = closest
                for r in 0..<n { merged[r] = min(closest[r], dist[r]); pot += merged[r] }
                if pot < bestPotential { bestPotential = pot; bestCandidate = cand; bestDist = merged }
            }
            centers += x.row(bestCandidate)
            closest = bestDist
            potential = bestPotential
        }
        precondition(centers.count == k * d)
        return centers
    }

    private func distancesTo(_ x: FeatureMatrix, _ c: Int) -> [Double] {
        let d = x.columnCount
        return (0..<x.rowCount).map { r in
            var s = 0.0
            for j in 0..<d { let t = x[r, j] - x[c, j]; s += t * t }
            return s
        }
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
            var partialSums = [[Double]](repeating: [], count: chunks)
            var partialCounts = [[Int]](repeating: [], count: chunks)
            let full = first
            labels.withUnsafeMutableBufferPointer { lb in
                upper.withUnsafeMutableBufferPointer { ub in
                    lower.withUnsafeMutableBufferPointer { lob in
                        partialSums.withUnsafeMutableBufferPointer { psb in
                            partialCounts.withUnsafeMutableBufferPointer { pcb in
                                let lab = SharedBuffer(lb.baseAddress!), up = SharedBuffer(ub.baseAddress!)
                                let lo = SharedBuffer(lob.baseAddress!)
                                let ps = SharedBuffer(psb.baseAddress!), pc = SharedBuffer(pcb.baseAddress!)
                                x.values.withUnsafeBufferPointer { xb in
                                    centers.withUnsafeBufferPointer { cb in
                                      transposed.withUnsafeBufferPointer { tb in
                                        Parallel.forEachFixedChunk(count: n, chunkSize: chunk) { ci, range in
                                            var sums = [Double](repeating: 0, count: k * d)
                                            var counts = [Int](repeating: 0, count: k)
                                            for r in range {
                                                let row = xb.baseAddress! + r * d
                                                var a = Int(lab[r])
                                                let bound = max(half[a], lo[r])
                                                if full || up[r] > bound {
                                                    var s = 0.0
                                                    for j in 0..<d { let t = row[j] - cb[a * d + j]; s += t * t }
                                                    up[r] = s.squareRoot()
                                                    if full || up[r] > bound {
                                                        // Full scan: nearest and second-nearest centre, four centres at a time.
                                                        var best = Double.infinity, second = Double.infinity
                                                        var bestC = 0
                                                        let lanes = UnsafeRawPointer(tb.baseAddress!)
                                                        for block in 0..<blocks {
                                                            var acc = SIMD4<Double>(repeating: 0)
                                                            for j in 0..<d {
                                                                let c = lanes.loadUnaligned(fromByteOffset: ((j * blocks + block) * 4) * 8, as: SIMD4<Double>.self)
                                                                let t = SIMD4<Double>(repeating: row[j]) - c
                                                                acc += t * t
                                                            }
                                                            for lane in 0..<4 where block * 4 + lane < k {
                                                                let s2 = acc[lane]
                                                                if s2 < best { second = best; best = s2; bestC = block * 4 + lane } else if s2 < second { second = s2 }
                                                            }
                                                        }
                                                        a = bestC
                                                        lab[r] = Int32(bestC)
                                                        up[r] = best.squareRoot()
                                                        lo[r] = second.squareRoot()
                                                    }
                                                }
                                                counts[a] += 1
                                                for j in 0..<d { sums[a * d + j] += row[j] }
                                            }
                                            ps[ci] = sums
                                            pc[ci] = counts
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
                for i in 0..<(k * d) { newCenters[i] += partialSums[ci][i] }
                for c in 0..<k { counts[c] += partialCounts[ci][c] }
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
            let maxMove = moves.max() ?? 0
            for r in 0..<n {
                upper[r] += moves[Int(labels[r])]
                lower[r] -= maxMove
            }
        }
        // Final assignment against the final centres so labels and inertia agree with them.
        let final = KMeansModel.assign(x, norms, centers, k, &labels, accumulate: false)
        return KMeansModel(centroids: ScoreMatrix(rowCount: k, columnCount: d, values: centers),
                           inertia: final.inertia, iterations: iterations, labels: labels.map(Int.init))
    }
}
