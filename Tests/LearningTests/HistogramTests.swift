import Testing
@testable import Learning

@Suite struct HistogramTests {
    /// Feature 0 takes values 0,1,2 (3 value bins + missing); feature 1 is 0/1 with one NaN.
    func setup() throws -> (BinnedMatrix, HistogramLayout, [Double], [Double]) {
        let x = try FeatureMatrix(rows: [[0, 0], [1, 1], [2, 0], [0, .nan], [1, 1], [2, 1]])
        let binnings = try FeatureBinner().fit(x)
        return (BinnedMatrix(x, binnings: binnings), HistogramLayout(binnings: binnings),
                [1, -2, 3, -4, 5, -6], [1, 2, 3, 4, 5, 6])
    }

    @Test func buildSumsGradientsPerBin() throws {
        let (binned, layout, g, h) = try setup()
        var hist = FeatureHistogram(layout: layout)
        let rows: [Int32] = [0, 1, 2, 3, 4, 5]
        rows.withUnsafeBufferPointer { r in
            hist.build(binned: binned, layout: layout, features: [0, 1], rows: r, grad: g, hess: h, parallel: false)
        }
        // Feature 0: bin0 rows {0,3}, bin1 rows {1,4}, bin2 rows {2,5}.
        #expect(hist.bin(0, 0, layout: layout) == (-3, 5, 2))
        #expect(hist.bin(0, 1, layout: layout) == (3, 7, 2))
        #expect(hist.bin(0, 2, layout: layout) == (-3, 9, 2))
        // Feature 1: bin0 rows {0,2}, bin1 rows {1,4,5}, missing row {3}.
        #expect(hist.bin(1, 0, layout: layout) == (4, 4, 2))
        #expect(hist.bin(1, 1, layout: layout) == (-3, 13, 3))
        #expect(hist.bin(1, 2, layout: layout) == (-4, 4, 1))
    }

    @Test func subtractionGivesSiblingHistogram() throws {
        let (binned, layout, g, h) = try setup()
        func build(_ rows: [Int32], parallel: Bool = false) -> FeatureHistogram {
            var hist = FeatureHistogram(layout: layout)
            rows.withUnsafeBufferPointer { r in
                hist.build(binned: binned, layout: layout, features: [0, 1], rows: r, grad: g, hess: h, parallel: parallel)
            }
            return hist
        }
        var parent = build([0, 1, 2, 3, 4, 5])
        let left = build([0, 2, 3])
        parent.subtract(left, layout: layout, features: [0, 1])
        #expect(parent.data == build([1, 4, 5]).data)
    }
}
