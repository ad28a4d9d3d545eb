import Foundation
import Testing
@testable import Learning

/// The fast k-means paths (reused seeding buffers; Hamerly bounds with a four-centre SIMD scan that skips
/// blocks holding no new nearest or second-nearest centre) against plain, direct versions of the same
/// algorithms: the same centres bit for bit and the same iteration count.
@Suite struct KMeansExactnessTests {
    /// Eleven overlapping blobs in five dimensions: many rows change cluster for many iterations.
    func data() throws -> FeatureMatrix {
        var rng = SeededGenerator(seed: 17)
        let n = 6_000, d = 5
        var v = [Double]()
        for r in 0..<n {
            let blob = Double(r % 11)
            for j in 0..<d { v.append(sin(blob * Double(j + 1)) * 3 + (rng.nextUnit() - 0.5) * 4) }
        }
        return try FeatureMatrix(rowCount: n, columnCount: d, values: v)
    }

    func squaredDistance(_ x: FeatureMatrix, _ r: Int, _ centre: ArraySlice<Double>) -> Double {
        var s = 0.0
        for j in 0..<x.columnCount { let t = x[r, j] - centre[centre.startIndex + j]; s += t * t }
        return s
    }

    /// Greedy k-means++ written out directly (a fresh distance array per candidate).
    func plainSeeding(_ x: FeatureMatrix, k: Int, rng: inout SeededGenerator) -> [Double] {
        let n = x.rowCount
        let trials = 2 + Int(log(Double(k)))
        let first = rng.nextInt(n)
        var centers = Array(x.row(first))
        var closest = (0..<n).map { squaredDistance(x, $0, x.row(first)) }
        var potential = closest.reduce(0, +)
        for _ in 1..<k {
            var bestCandidate = -1, bestPotential = Double.infinity, bestDist = [Double]()
            for _ in 0..<trials {
                var target = rng.nextUnit() * potential
                var cand = n - 1
                for r in 0..<n { target -= closest[r]; if target < 0 { cand = r; break } }
                let merged = (0..<n).map { min(closest[$0], squaredDistance(x, $0, x.row(cand))) }
                let pot = merged.reduce(0, +)
                if pot < bestPotential { bestPotential = pot; bestCandidate = cand; bestDist = merged }
            }
            centers += x.row(bestCandidate)
            closest = bestDist
            potential = bestPotential
        }
        return centers
    }

    /// Lloyd without bounds: every row compared with every centre each iteration; sums per fixed chunk of
    /// rows, added in chunk order (the engine's reduction order).
    func plainLloyd(_ x: FeatureMatrix, _ start: [Double], k: Int, tol: Double) -> (centers: [Double], iterations: Int) {
        let n = x.rowCount, d = x.columnCount, chunk = KMeans.chunkSize
        var centers = start, iterations = 0
        while iterations < 300 {
            iterations += 1
            var next = [Double](repeating: 0, count: k * d), counts = [Int](repeating: 0, count: k)
            for lo in stride(from: 0, to: n, by: chunk) {
                var sums = [Double](repeating: 0, count: k * d)
                for r in lo..<min(n, lo + chunk) {
                    var best = Double.infinity, a = 0
                    for c in 0..<k {
                        let s = squaredDistance(x, r, centers[(c * d)..<(c * d + d)])
                        if s < best { best = s; a = c }
                    }
                    counts[a] += 1
                    for j in 0..<d { sums[a * d + j] += x[r, j] }
                }
                for i in 0..<(k * d) { next[i] += sums[i] }
            }
            var shift = 0.0
            for c in 0..<k {
                precondition(counts[c] > 0, "the reference does not handle empty clusters")
                var m = 0.0
                for j in 0..<d {
                    next[c * d + j] /= Double(counts[c])
                    let t = next[c * d + j] - centers[c * d + j]; m += t * t
                }
                shift += m
            }
            centers = next
            if shift <= tol { break }
        }
        return (centers, iterations)
    }

    @Test(arguments: [3, 11, 20])
    func fastPathsGiveThePlainCentres(k: Int) throws {
        let x = try data()
        let km = KMeans(clusterCount: k)
        let norms = (0..<x.rowCount).map { r in (0..<x.columnCount).reduce(0.0) { $0 + x[r, $1] * x[r, $1] } }
        var fastRng = SeededGenerator(seed: 9), plainRng = SeededGenerator(seed: 9)
        let start = km.seedPlusPlus(x, norms, &fastRng)
        #expect(start == plainSeeding(x, k: k, rng: &plainRng))
        let tol = 1e-10
        let fast = km.lloyd(x, norms, start, tol)
        let plain = plainLloyd(x, start, k: k, tol: tol)
        #expect(fast.iterations == plain.iterations)
        #expect(fast.iterations > 5) // the bounds were exercised over many moving iterations
        #expect(fast.centroids.values == plain.centers)
    }
}
