import Testing
@testable import Learning

/// Boosted trees fitted from one-byte bin codes give the trees of the float path.
@Suite struct BinnedFeaturesTests {
    /// A numeric column, one with missing values, a 25-category column; regression target and 4 classes.
    func data(rows: Int, seed: UInt64) throws -> (FeatureMatrix, [Double], [Double]) {
        var rng = SeededGenerator(seed: seed)
        var v = [Double](), y = [Double](), classes = [Double]()
        for _ in 0..<rows {
            let a = rng.nextUnit() * 2 - 1
            let b = rng.nextUnit() < 0.15 ? Double.nan : rng.nextUnit()
            let genre = Double(rng.nextInt(25))
            v += [a, b, genre]
            y.append(2 * a + (b.isNaN ? 0.5 : b) + genre.truncatingRemainder(dividingBy: 5) * 0.3 + 0.1 * rng.nextUnit())
            classes.append(Double((a > 0 ? 1 : 0) + (genre < 12 ? 2 : 0)))
        }
        let x = try FeatureMatrix(rowCount: rows, columnCount: 3, values: v, columnNames: ["a", "b", "genre"],
                                  categoricalColumns: [2])
        return (x, y, classes)
    }

    @Test func binnedFitGivesTheFloatPathsTrees() throws {
        let (x, y, classes) = try data(rows: 2_000, seed: 4)
        var regression = BoostedTrees(objective: .squaredError)
        regression.rounds = 30; regression.maxLeaves = 15; regression.maxBins = 31; regression.seed = 3
        regression.rowSubsample = 0.8 // rows outside the bag are routed through the bin codes too
        let floatModel = try regression.fit(x, targets: y)
        let binnedModel = try regression.fit(BinnedFeatures(x, maxBins: 31, seed: 3), targets: y)
        #expect(binnedModel == floatModel)
        #expect(floatModel.trees.contains { !$0.categorySets.isEmpty })
        #expect(try RegressionMetrics.r2(truth: y, predicted: binnedModel.predict(x)) > 0.9)

        var softmax = BoostedTrees(objective: .softmax(classCount: 4))
        softmax.rounds = 10; softmax.maxLeaves = 7; softmax.maxBins = 31; softmax.seed = 3
        softmax.gossTopRate = 0.3; softmax.gossOtherRate = 0.2
        let floatClasses = try softmax.fit(x, targets: classes)
        #expect(try softmax.fit(BinnedFeatures(x, maxBins: 31, seed: 3), targets: classes) == floatClasses)
    }

    /// Binnings fitted on a first chunk bin the next chunk as they bin the whole table.
    @Test func chunksBinnedWithTheFirstChunksBinningsMatchTheWhole() throws {
        let (x, _, _) = try data(rows: 1_200, seed: 8)
        let first = try BinnedFeatures(x.selectingRows(Array(0..<400)), maxBins: 63)
        let rest = try BinnedFeatures(x.selectingRows(Array(400..<1_200)), binnings: first.binnings)
        let whole = try BinnedFeatures(x, binnings: first.binnings)
        #expect(first.codes + rest.codes == whole.codes)
        #expect(whole.codes.count == 1_200 * 3)
        #expect(Set(whole.codes).count > 31) // numeric bins, the missing bin and categories all appear
    }

    @Test func mismatchedBinningsAreRejected() throws {
        let (x, y, _) = try data(rows: 100, seed: 2)
        let binnings = try FeatureBinner(maxBins: 15).fit(x)
        #expect(throws: LearningError.self) { try BinnedFeatures(x, binnings: Array(binnings.prefix(2))) }
        let numericOnly = try FeatureMatrix(rowCount: 100, columnCount: 3, values: x.values)
        let numericBinnings = try FeatureBinner(maxBins: 15).fit(numericOnly)
        #expect(throws: LearningError.self) { try BinnedFeatures(x, binnings: numericBinnings) }
        #expect(throws: LearningError.self) {
            try BoostedTrees(objective: .squaredError).fit(BinnedFeatures(x, maxBins: 15), targets: Array(y.prefix(99)))
        }
    }
}
