import Testing
@testable import Learning

@Suite struct KMeansTests {
    /// Three tight blobs around (0,0), (10,0) and (0,10).
    func blobs() throws -> FeatureMatrix {
        var rng = SeededGenerator(seed: 2)
        var v = [Double]()
        for c in [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)] {
            for _ in 0..<30 { v += [c.0 + rng.nextUnit() - 0.5, c.1 + rng.nextUnit() - 0.5] }
        }
        return try FeatureMatrix(rowCount: 90, columnCount: 2, values: v)
    }

    @Test func recoversBlobsAndInertiaMatchesLabels() throws {
        let x = try blobs()
        var km = KMeans(clusterCount: 3)
        km.seed = 5
        let m = try km.fit(x)
        // Each blob gets one label of its own.
        for b in 0..<3 { #expect(Set(m.labels[(b * 30)..<(b * 30 + 30)]).count == 1) }
        #expect(Set(m.labels).count == 3)
        var inertia = 0.0
        for r in 0..<90 {
            let c = m.labels[r]
            inertia += (x[r, 0] - m.centroids[c, 0]) * (x[r, 0] - m.centroids[c, 0]) + (x[r, 1] - m.centroids[c, 1]) * (x[r, 1] - m.centroids[c, 1])
        }
        #expect(abs(inertia - m.inertia) < 1e-9)
        // Uniform noise in a unit square has variance 1/12 per axis: inertia near 90 * 2/12.
        #expect(m.inertia > 10 && m.inertia < 20)
        #expect(try m.predict(x) == m.labels)
        // Centroids are the blob means.
        #expect(abs(m.centroids[m.labels[30], 0] - 10) < 0.3)
    }

    @Test func seededAndBestOfRestarts() throws {
        let x = try blobs()
        var km = KMeans(clusterCount: 4)
        km.seed = 1
        let a = try km.fit(x), b = try km.fit(x)
        #expect(a == b)
        km.restarts = 1
        let single = try km.fit(x)
        km.restarts = 6
        #expect(try km.fit(x).inertia <= single.inertia + 1e-9)
    }

    @Test func silhouetteOfSeparatedBlobsIsHigh() throws {
        let x = try blobs()
        let m = try KMeans(clusterCount: 3).fit(x)
        let s = try Silhouette.score(x, labels: m.labels)
        #expect(s > 0.9)
        // Hand-computed: two clusters {0, 1} and {10, 12} on a line.
        let line = try FeatureMatrix(rows: [[0], [1], [10], [12]])
        // a = mean distance within the own cluster, b = mean distance to the other cluster, s = (b - a) / max(a, b).
        let perPoint: [Double] = [10.0 / 11.0, 9.0 / 10.0, 7.5 / 9.5, 9.5 / 11.5]
        let mean = perPoint.reduce(0, +) / 4
        #expect(abs(try Silhouette.score(line, labels: [0, 0, 1, 1]) - mean) < 1e-12)
    }

    @Test func tooFewRowsThrows() throws {
        #expect(throws: LearningError.self) { try KMeans(clusterCount: 5).fit(try FeatureMatrix(rows: [[1], [2]])) }
    }
}
