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
        var best: KMeansModel? = nil
        for restart in 0..<restarts {
            var rng = SeededGenerator(seed: SeededGenerator.derive(seed, 100, UInt64(restart)))
            let start = seedPlusPlus(x, norms, &rng)
            let model = lloyd(x, norms, start, tol)
            if best == nil || model.inertia < best!.inertia { best = model }
        }
        return best!
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

    func lloyd(_ x: FeatureMatrix, _ norms: [Double], _ start: [Double], _ tol: Double) -> KMeansModel {
        let n = x.rowCount, d = x.columnCount, k = clusterCount
        var centers = start
        var labels = [Int32](repeating: 0, count: n)
        var iterations = 0
        var inertia = 0.0
        while iterations < maxIterations {
            iterations += 1
            let step = KMeansModel.assign(x, norms, centers, k, &labels, accumulate: true)
            inertia = step.inertia
            var newCenters = step.sums
            let counts = step.counts
            for c in 0..<k {
                if counts[c] > 0 {
                    for j in 0..<d { newCenters[c * d + j] /= Double(counts[c]) }
                } else {
                    // Empty cluster: move it onto the point currently worst served.
                    let far = step.farthestRow
                    for j in 0..<d { newCenters[c * d + j] = x[far, j] }
                }
            }
            var shift = 0.0
            for i in 0..<(k * d) { shift += (newCenters[i] - centers[i]) * (newCenters[i] - centers[i]) }
            centers = newCenters
            if shift <= tol { break }
        }
        // Final assignment against the final centres so labels and inertia agree with them.
        let final = KMeansModel.assign(x, norms, centers, k, &labels, accumulate: false)
        return KMeansModel(centroids: ScoreMatrix(rowCount: k, columnCount: d, values: centers),
                           inertia: final.inertia, iterations: iterations, labels: labels.map(Int.init))
    }
}
