import Testing
@testable import Learning

@Suite struct BinningTests {
    @Test func fewDistinctValuesGetExactMidpoints() throws {
        let x = try FeatureMatrix(rows: [[1], [2], [2], [3], [.nan]])
        let b = try FeatureBinner().fit(x)[0]
        #expect(b.upperBounds == [1.5, 2.5, .infinity])
        #expect(b.bin(1) == 0)
        #expect(b.bin(2.4) == 1)
        #expect(b.bin(100) == 2)
        #expect(b.bin(.nan) == 3)
        #expect(b.missingBin == 3)
    }

    @Test func quantileBinsHaveEqualCounts() throws {
        let x = try FeatureMatrix(rows: (0..<1000).map { [Double($0)] })
        let b = try FeatureBinner(maxBins: 11).fit(x)[0]
        #expect(b.valueBinCount == 10)
        var counts = [Int](repeating: 0, count: b.totalBinCount)
        for v in 0..<1000 { counts[b.bin(Double(v))] += 1 }
        #expect(counts.prefix(10).allSatisfy { $0 == 100 }, "\(counts)")
        #expect(counts[10] == 0)
    }

    @Test func categoricalBinsByFrequencyAndUnseenIsMissing() throws {
        let x = try FeatureMatrix(rows: [[7], [3], [3], [7], [7], [9]], categoricalColumns: [0])
        let b = try FeatureBinner().fit(x)[0]
        #expect(b.categories == [7, 3, 9])
        #expect(b.bin(3) == 1)
        #expect(b.bin(42) == b.missingBin)
        #expect(b.bin(.nan) == 3)
    }

    @Test func maxBinsAbove255Throws() throws {
        let x = try FeatureMatrix(rows: [[1]])
        #expect(throws: LearningError.self) { try FeatureBinner(maxBins: 300).fit(x) }
    }
}
