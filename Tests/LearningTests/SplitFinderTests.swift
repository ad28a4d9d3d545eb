import Testing
@testable import Learning

@Suite struct SplitFinderTests {
    func params(l2: Double = 0, minRows: Int = 1) -> SplitParameters {
        SplitParameters(l2: l2, minRowsPerLeaf: minRows, minHessianPerLeaf: 0, minSplitGain: 0, maxDeltaStep: 0,
                        categoricalSmoothing: 0, categoricalL2: 0)
    }

    /// Four value bins plus a missing bin, as (g, h, c) triples.
    func hist(_ g: [Double], missing: (Double, Double, Double) = (0, 0, 0)) -> [Double] {
        var out = [Double]()
        for v in g { out += [v, 2, 2] }
        return out + [missing.0, missing.1, missing.2]
    }

    func total(_ h: [Double]) -> NodeStats {
        var s = NodeStats.zero
        for i in stride(from: 0, to: h.count, by: 3) { s = s + NodeStats(g: h[i], h: h[i + 1], c: h[i + 2]) }
        return s
    }

    @Test func numericSplitOnHandMadeHistogram() {
        let h = hist([-4, -3, 3, 4])
        let binning = FeatureBinning(numericUpperBounds: [1, 2, 3, .infinity])
        for (l2, expected) in [(0.0, 24.5), (1.0, 19.6)] {
            let s = h.withUnsafeBufferPointer {
                SplitFinder.bestSplit(feature: 0, binning: binning, hist: $0.baseAddress!, parent: total(h), params: params(l2: l2))
            }
            // G_L = -7, H_L = 4 and G_R = 7, H_R = 4: gain 49/(4+l2) * 2.
            #expect(s?.thresholdBin == 1)
            #expect(abs((s?.gain ?? 0) - expected) < 1e-9)
            #expect(s?.left == NodeStats(g: -7, h: 4, c: 4))
        }
    }

    @Test func missingValuesGoToTheBetterSide() {
        let h = hist([-4, -3, 3, 4], missing: (-5, 2, 2))
        let binning = FeatureBinning(numericUpperBounds: [1, 2, 3, .infinity])
        let s = h.withUnsafeBufferPointer {
            SplitFinder.bestSplit(feature: 0, binning: binning, hist: $0.baseAddress!, parent: total(h), params: params())
        }
        // Missing left: 144/6 + 49/4 - 25/10 = 33.75 beats missing right (12.25 + 4/6 - 2.5).
        #expect(s?.defaultLeft == true)
        #expect(s?.thresholdBin == 1)
        #expect(abs((s?.gain ?? 0) - 33.75) < 1e-9)
    }

    @Test func categoricalSplitGroupsCategoriesByGradientRatio() {
        let h = hist([4, -4, 3, -3])
        let binning = FeatureBinning(categories: [10, 11, 12, 13])
        let s = h.withUnsafeBufferPointer {
            SplitFinder.bestSplit(feature: 0, binning: binning, hist: $0.baseAddress!, parent: total(h), params: params())
        }
        #expect(s?.isCategorical == true)
        #expect(s?.leftBins == [1, 3])
        #expect(abs((s?.gain ?? 0) - 24.5) < 1e-9)
    }

    @Test func minRowsPerLeafBlocksSplits() {
        let h = hist([-4, -3, 3, 4])
        let binning = FeatureBinning(numericUpperBounds: [1, 2, 3, .infinity])
        let s = h.withUnsafeBufferPointer {
            SplitFinder.bestSplit(feature: 0, binning: binning, hist: $0.baseAddress!, parent: total(h), params: params(minRows: 5))
        }
        #expect(s == nil)
    }

    @Test func maxDeltaStepClipsLeafValues() {
        let s = NodeStats(g: -10, h: 1, c: 5)
        #expect(SplitFinder.leafValue(s, l2: 0, maxDeltaStep: 0) == 10)
        #expect(SplitFinder.leafValue(s, l2: 0, maxDeltaStep: 2) == 2)
        // Clipped score: -(2 * -10 * 2 + 1 * 4) = 36 (< unclipped 100).
        #expect(SplitFinder.leafScore(s, l2: 0, maxDeltaStep: 2) == 36)
    }
}
