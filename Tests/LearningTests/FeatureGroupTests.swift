import Testing
@testable import Learning

/// The children's split search over feature groups (run concurrently) must grow exactly the trees of the
/// one serial pass: same splits, thresholds, category sets, gains and leaf values, bit for bit.
@Suite struct FeatureGroupTests {
    /// Numeric, few-valued, missing-laden and categorical columns; gradients and hessians that vary by row.
    func problem(rows: Int) throws -> (FeatureMatrix, [Double], [Double]) {
        var rng = SeededGenerator(seed: 31)
        var v = [Double](), g = [Double](), h = [Double]()
        for _ in 0..<rows {
            let a = rng.nextUnit() * 2 - 1, b = rng.nextUnit(), key = Double(rng.nextInt(12))
            let missing = rng.nextUnit() < 0.2 ? Double.nan : rng.nextUnit() * 10
            let genre = Double(rng.nextInt(40)), flag = Double(rng.nextInt(2))
            v += [a, b, key, missing, genre, flag]
            let target = 3 * a - 2 * b + (genre.truncatingRemainder(dividingBy: 7) - 3) * 0.4 + (missing.isNaN ? 1 : 0)
            g.append(-target + 0.1 * (rng.nextUnit() - 0.5))
            h.append(0.5 + rng.nextUnit())
        }
        let x = try FeatureMatrix(rowCount: rows, columnCount: 6, values: v,
                                  columnNames: ["a", "b", "key", "sparse", "genre", "flag"], categoricalColumns: [4])
        return (x, g, h)
    }

    func grow(_ x: FeatureMatrix, _ g: [Double], _ h: [Double], groups: Int) throws -> TreeGrower.Result {
        let binnings = try FeatureBinner(maxBins: 63, seed: 1).fit(x)
        let params = SplitParameters(l2: 1, minRowsPerLeaf: 3, minHessianPerLeaf: 1e-3, minSplitGain: 0, maxDeltaStep: 2,
                                     categoricalSmoothing: 10, categoricalL2: 10)
        var grower = TreeGrower(binned: BinnedMatrix(x, binnings: binnings), binnings: binnings,
                                layout: HistogramLayout(binnings: binnings), params: params, maxLeaves: 63,
                                maxDepth: nil, learningRate: 0.1, parallelFeatures: true)
        grower.featureGroupCount = groups
        grower.minRowsForFeatureGroups = 0 // every split takes the grouped path
        return grower.grow(grad: g, hess: h, rows: (0..<x.rowCount).map(Int32.init), features: Array(0..<x.columnCount))
    }

    @Test func groupsCoverEveryFeatureOnceInOrder() throws {
        let (x, _, _) = try problem(rows: 500)
        let binnings = try FeatureBinner(maxBins: 63, seed: 1).fit(x)
        for count in 1...8 {
            var grower = TreeGrower(binned: BinnedMatrix(x, binnings: binnings), binnings: binnings,
                                    layout: HistogramLayout(binnings: binnings), params: SplitParameters(
                                        l2: 1, minRowsPerLeaf: 1, minHessianPerLeaf: 0, minSplitGain: 0, maxDeltaStep: 0,
                                        categoricalSmoothing: 0, categoricalL2: 0),
                                    maxLeaves: 2, maxDepth: nil, learningRate: 1, parallelFeatures: true)
            grower.featureGroupCount = count
            let groups = grower.featureGroups([0, 2, 3, 4, 5])
            #expect(groups.count == min(count, 5))
            #expect(groups.allSatisfy { !$0.isEmpty })
            #expect(Array(groups.joined()) == [0, 2, 3, 4, 5])
        }
    }

    /// Small nodes take the grouped histogram build; the 40,000-row root's children (over 16,384 rows) take the
    /// row-chunked one. Both give the serial trees.
    @Test(arguments: [3_000, 40_000])
    func groupedSearchGrowsTheSerialTree(rows: Int) throws {
        let (x, g, h) = try problem(rows: rows)
        let serial = try grow(x, g, h, groups: 1)
        #expect(serial.tree.leafCount == 63)
        #expect(!serial.tree.categorySets.isEmpty) // the categorical column is used
        #expect(serial.tree.defaultLeft.contains(true)) // and missing values steer somewhere
        for groups in [2, 3, 6] {
            let grouped = try grow(x, g, h, groups: groups)
            #expect(grouped.tree == serial.tree)
            #expect(grouped.leafRanges.map(\.node) == serial.leafRanges.map(\.node))
            #expect(grouped.leafRanges.map(\.range) == serial.leafRanges.map(\.range))
        }
    }
}
