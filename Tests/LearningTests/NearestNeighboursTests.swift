import Testing
@testable import Learning

@Suite struct NearestNeighboursTests {
    func points(_ n: Int) -> FeatureMatrix {
        var rng = SeededGenerator(seed: 9)
        return try! FeatureMatrix(rowCount: n, columnCount: 3, values: (0..<(n * 3)).map { _ in rng.nextUnit() * 2 - 1 })
    }

    func bruteForce(_ x: FeatureMatrix, _ q: [Double], k: Int, cosine: Bool, exclude: Int = -1) -> [Int] {
        func dist(_ r: Int) -> Double {
            let a = Array(x.row(r))
            if cosine {
                let dot = zip(a, q).reduce(0) { $0 + $1.0 * $1.1 }
                let na = a.reduce(0) { $0 + $1 * $1 }.squareRoot(), nq = q.reduce(0) { $0 + $1 * $1 }.squareRoot()
                return 1 - dot / (na * nq)
            }
            return zip(a, q).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        }
        return (0..<x.rowCount).filter { $0 != exclude }.sorted { dist($0) < dist($1) }.prefix(k).map { $0 }
    }

    @Test(arguments: [NearestNeighbours.Metric.euclidean, .cosine])
    func singleQueryMatchesBruteForce(metric: NearestNeighbours.Metric) throws {
        let x = points(600) // more than two reference blocks
        let index = try NearestNeighbours(metric: metric).fit(x)
        let q = [0.3, -0.2, 0.5]
        let got = try index.query(q, k: 5)
        #expect(got.map { $0.index } == bruteForce(x, q, k: 5, cosine: metric == .cosine))
        let a = Array(x.row(got[0].index))
        let expected = metric == .euclidean
            ? zip(a, q).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            : 1 - zip(a, q).reduce(0) { $0 + $1.0 * $1.1 } / (a.reduce(0) { $0 + $1 * $1 }.squareRoot() * q.reduce(0) { $0 + $1 * $1 }.squareRoot())
        #expect(abs(got[0].distance - expected) < 1e-9)
        #expect(zip(got, got.dropFirst()).allSatisfy { $0.distance <= $1.distance })
    }

    @Test func allRowsExcludeThemselvesAndMatchBruteForce() throws {
        let x = points(300)
        let table = try NearestNeighbours().fit(x).allNeighbours(k: 4)
        for r in [0, 1, 150, 299] {
            let got = table.neighbours(of: r).map { $0.index }
            #expect(!got.contains(r))
            #expect(got == bruteForce(x, Array(x.row(r)), k: 4, cosine: false, exclude: r))
        }
    }

    @Test func cosineAllRowsAndHighDimensionalBruteForcePath() throws {
        let x = points(200)
        let cos = try NearestNeighbours(metric: .cosine).fit(x).allNeighbours(k: 3)
        for r in [0, 77, 199] {
            #expect(cos.neighbours(of: r).map { $0.index } == bruteForce(x, Array(x.row(r)), k: 3, cosine: true, exclude: r))
        }
        // 20 dimensions is above the k-d tree limit: the blocked brute-force path answers.
        var rng = SeededGenerator(seed: 10)
        let wide = try FeatureMatrix(rowCount: 300, columnCount: 20, values: (0..<6000).map { _ in rng.nextUnit() })
        let index = try NearestNeighbours().fit(wide)
        #expect(index.kdTree == nil)
        let table = try index.allNeighbours(k: 3)
        for r in [5, 260] {
            #expect(table.neighbours(of: r).map { $0.index } == bruteForce(wide, Array(wide.row(r)), k: 3, cosine: false, exclude: r))
        }
    }

    @Test func batchQueryMatchesSingleQueries() throws {
        let x = points(400)
        let queries = try FeatureMatrix(rows: [[0.1, 0.2, 0.3], [-0.9, 0.5, 0.0], Array(x.row(10))])
        for metric in [NearestNeighbours.Metric.euclidean, .cosine] {
            let index = try NearestNeighbours(metric: metric).fit(x)
            let table = try index.query(queries, k: 4)
            for r in 0..<3 {
                let single = try index.query(Array(queries.row(r)), k: 4)
                #expect(table.neighbours(of: r).map { $0.index } == single.map { $0.index })
                for (a, b) in zip(table.neighbours(of: r), single) { #expect(abs(a.distance - b.distance) < 1e-9) }
            }
            // A fitted row queried from outside finds itself first.
            #expect(table.neighbours(of: 2)[0].index == 10)
        }
    }

    @Test func duplicatesAreAtDistanceZero() throws {
        let x = try FeatureMatrix(rows: [[1, 1], [5, 5], [1, 1], [9, 9]])
        let table = try NearestNeighbours().fit(x).allNeighbours(k: 1)
        #expect(table.neighbours(of: 0) == [Neighbour(index: 2, distance: 0)])
        #expect(table.neighbours(of: 2)[0].index == 0)
        #expect(throws: LearningError.self) { try NearestNeighbours().fit(x).allNeighbours(k: 4) }
    }
}
