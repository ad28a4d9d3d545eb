import Testing
@testable import Learning

@Suite struct TreeSHAPTests {
    /// Path-dependent conditional expectation E[f(x) | x_S], weighting unknown splits by child cover.
    func conditional(_ t: DecisionTree, _ w: [Double], _ n: Int, _ row: [Double], _ known: Set<Int>) -> Double {
        if t.isLeaf(n) { return t.value[n] }
        let f = Int(t.feature[n])
        let l = Int(t.left[n]), r = Int(t.right[n])
        if known.contains(f) {
            return conditional(t, w, t.goesLeft(node: n, value: row[f]) ? l : r, row, known)
        }
        return (w[l] * conditional(t, w, l, row, known) + w[r] * conditional(t, w, r, row, known)) / w[n]
    }

    func factorial(_ n: Int) -> Double { n <= 1 ? 1 : Double(n) * factorial(n - 1) }

    /// Shapley values by enumerating every subset of the other features.
    func bruteForce(_ trees: [DecisionTree], _ row: [Double], cover: TreeSHAP.Cover) -> [Double] {
        let m = row.count
        func v(_ s: Set<Int>) -> Double {
            trees.reduce(0) { $0 + conditional($1, cover == .rowCount ? $1.rowCount : $1.cover, 0, row, s) }
        }
        var phi = [Double](repeating: 0, count: m)
        for i in 0..<m {
            let others = (0..<m).filter { $0 != i }
            for mask in 0..<(1 << others.count) {
                let s = Set(others.enumerated().filter { mask & (1 << $0.offset) != 0 }.map { $0.element })
                let weight = factorial(s.count) * factorial(m - s.count - 1) / factorial(m)
                phi[i] += weight * (v(s.union([i])) - v(s))
            }
        }
        return phi
    }

    func model(objective: BoostedTrees.Objective, targets: [Double], x: FeatureMatrix) throws -> BoostedTreesModel {
        var cfg = BoostedTrees(objective: objective)
        cfg.rounds = 3; cfg.maxLeaves = 7; cfg.minRowsPerLeaf = 3; cfg.learningRate = 0.5
        return try cfg.fit(x, targets: targets)
    }

    /// Four features where the tree reuses features along a path (exercises unwind).
    func data() -> (FeatureMatrix, [Double]) {
        var rng = SeededGenerator(seed: 21)
        var v = [Double](), y = [Double]()
        for _ in 0..<150 {
            let a = rng.nextUnit(), b = rng.nextUnit(), c = rng.nextUnit(), d = rng.nextUnit()
            v += [a, b, c, d]
            y.append((a > 0.5 ? 2 : 0) + (a > 0.8 ? 1 : 0) + b * c * 3 - d)
        }
        return (try! FeatureMatrix(rowCount: 150, columnCount: 4, values: v), y)
    }

    @Test(arguments: [TreeSHAP.Cover.rowCount, .hessian])
    func matchesBruteForceShapleyValues(cover: TreeSHAP.Cover) throws {
        let (x, y) = data()
        let m = try model(objective: .squaredError, targets: y, x: x)
        let (values, _) = try TreeSHAP(cover: cover).explain(m, x)
        for r in [0, 17, 99] {
            let exact = bruteForce(m.trees, Array(x.row(r)), cover: cover)
            for j in 0..<4 { #expect(abs(values[r, j] - exact[j]) < 1e-9, "row \(r) feature \(j)") }
        }
    }

    @Test func contributionsSumToRawOutput() throws {
        let (x, y) = data()
        // Softmax model: check every output, with hessian covers that differ from counts.
        let labels = y.map { Double(min(2, Int($0))) }
        let m = try model(objective: .softmax(classCount: 3), targets: labels, x: x)
        let raw = try m.predictRaw(x)
        for output in 0..<3 {
            let (values, expected) = try TreeSHAP(cover: .hessian).explain(m, x, output: output)
            for r in 0..<x.rowCount {
                let total = values.row(r).reduce(expected, +)
                #expect(abs(total - raw[r, output]) < 1e-6)
            }
        }
        let mean = try TreeSHAP().meanAbsolute(m, x, output: 0)
        #expect(mean.count == 4)
        #expect(mean.allSatisfy { $0 >= 0 })
    }

    @Test func randomForestContributionsAddUpAndMatchBruteForce() throws {
        let (x, y) = data()
        var rf = RandomForest(task: .regression)
        rf.treeCount = 4; rf.maxLeaves = 8; rf.minRowsPerLeaf = 5
        let m = try rf.fit(x, targets: y)
        let (values, expected) = try TreeSHAP().explain(m, x)
        let p = try m.predict(x)
        for r in 0..<x.rowCount { #expect(abs(values.row(r).reduce(expected, +) - p[r]) < 1e-9) }
        let exact = bruteForce(m.trees, Array(x.row(5)), cover: .rowCount).map { $0 / 4 }
        for j in 0..<4 { #expect(abs(values[5, j] - exact[j]) < 1e-9) }
    }

    @Test func irrelevantFeatureGetsZero() throws {
        var rng = SeededGenerator(seed: 3)
        var v = [Double](), y = [Double]()
        for _ in 0..<100 { let a = rng.nextUnit(); v += [a, rng.nextUnit()]; y.append(a > 0.5 ? 1 : 0) }
        let x = try FeatureMatrix(rowCount: 100, columnCount: 2, values: v)
        var cfg = BoostedTrees(objective: .squaredError)
        cfg.rounds = 2; cfg.maxLeaves = 2; cfg.minRowsPerLeaf = 2
        let m = try cfg.fit(x, targets: y)
        let (values, expected) = try TreeSHAP().explain(m, x)
        for r in 0..<100 {
            #expect(values[r, 1] == 0)
            #expect(abs(values[r, 0] + expected - (try m.predict(x)[r])) < 1e-9)
        }
    }
}
