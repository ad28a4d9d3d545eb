import Testing
@testable import Learning

@Suite struct TreeGrowerTests {
    func params() -> SplitParameters {
        SplitParameters(l2: 0, minRowsPerLeaf: 1, minHessianPerLeaf: 0, minSplitGain: 0, maxDeltaStep: 0,
                        categoricalSmoothing: 0, categoricalL2: 0)
    }

    /// y = -1 for x0 < 5 and +1 otherwise; x1 is unrelated noise.
    func problem() throws -> (FeatureMatrix, [Double]) {
        let noise: [Double] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3]
        let x = try FeatureMatrix(rows: (0..<10).map { [Double($0), noise[$0]] })
        return (x, (0..<10).map { $0 < 5 ? -1 : 1 })
    }

    @Test func growFindsTheKnownBestSplit() throws {
        let (x, y) = try problem()
        let binnings = try FeatureBinner().fit(x)
        let grower = TreeGrower(binned: BinnedMatrix(x, binnings: binnings), binnings: binnings,
                                layout: HistogramLayout(binnings: binnings), params: params(), maxLeaves: 2,
                                maxDepth: nil, learningRate: 1, parallelFeatures: false)
        // Squared error from score 0: g = -y, h = 1, so leaf values are the mean targets.
        let g = y.map { -$0 }, h = [Double](repeating: 1, count: 10)
        let result = grower.grow(grad: g, hess: h, rows: (0..<10).map(Int32.init), features: [0, 1])
        let t = result.tree
        #expect(t.nodeCount == 3)
        #expect(t.feature[0] == 0)
        #expect(t.threshold[0] == 4.5)
        #expect(t.value[Int(t.left[0])] == -1)
        #expect(t.value[Int(t.right[0])] == 1)
        #expect(abs(t.gain[0] - 10) < 1e-9) // 25/5 + 25/5 - 0
        #expect(t.cover[Int(t.left[0])] == 5)
        for r in 0..<10 { #expect(t.predict(row: Array(x.row(r))) == y[r]) }
    }

    @Test func leafWiseGrowthRespectsMaxLeavesAndDepth() throws {
        let x = try FeatureMatrix(rows: (0..<64).map { [Double($0)] })
        let y = (0..<64).map { Double($0 % 8) } // needs many splits
        let binnings = try FeatureBinner().fit(x)
        for (leaves, depth) in [(5, nil), (16, 2)] as [(Int, Int?)] {
            let grower = TreeGrower(binned: BinnedMatrix(x, binnings: binnings), binnings: binnings,
                                    layout: HistogramLayout(binnings: binnings), params: params(), maxLeaves: leaves,
                                    maxDepth: depth, learningRate: 1, parallelFeatures: false)
            let t = grower.grow(grad: y.map { -$0 }, hess: [Double](repeating: 1, count: 64),
                                rows: (0..<64).map(Int32.init), features: [0]).tree
            #expect(t.leafCount == (depth == nil ? leaves : 4))
            if let depth { #expect(t.depth <= depth) }
        }
    }

    @Test func categoricalTreeStoresLeftCategorySet() throws {
        // Categories 1, 3, 5 have target 1, categories 0, 2, 4 have target 0.
        let cats = (0..<60).map { Double($0 % 6) }
        let x = try FeatureMatrix(rows: cats.map { [$0] }, categoricalColumns: [0])
        let y = cats.map { Int($0) % 2 == 1 ? 1.0 : 0.0 }
        var cfg = BoostedTrees(objective: .squaredError)
        cfg.rounds = 1; cfg.learningRate = 1; cfg.maxLeaves = 2; cfg.minRowsPerLeaf = 1; cfg.l2 = 0
        cfg.categoricalL2 = 0; cfg.categoricalSmoothing = 0
        let model = try cfg.fit(x, targets: y)
        let t = model.trees[0]
        #expect(t.categorySet[0] == 0)
        let split = t.categorySets[0]
        #expect(Set(split.left.codes) == [0, 2, 4] || Set(split.left.codes) == [1, 3, 5])
        #expect(Set(split.left.codes).union(split.right.codes) == [0, 1, 2, 3, 4, 5])
        #expect(try model.predict(x) == y)
        // An unseen category follows the default side instead of crashing.
        let unseen = try FeatureMatrix(rows: [[42]], categoricalColumns: [0])
        #expect(try model.predict(unseen)[0].isFinite)
    }
}
