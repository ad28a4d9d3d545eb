import Testing
@testable import Web

/// Numbers a chart labels or places, however large: text, never a stopped process (Int(_:) traps past Int's range).
@Suite struct ChartNumberTests {
    @Test func labelsAndCoordinatesPastIntsRangeAreText() {
        #expect(Ticks.label(12_345.6) == "12,346")
        #expect(Ticks.label(0.25) == "0.25")
        #expect(Ticks.label(1e300) == "1e+300")
        #expect(Ticks.label(-2.5e19) == "-2.5e+19")
        #expect(Ticks.label(.infinity) == "inf")
        #expect(SVGCanvas.n(1e300) == "1e+300")
        #expect(SVGCanvas.n(12.34) == "12.3")
        #expect(BarChart.valueText(1e20, 1) == "100000000000000000000.0")
        #expect(BarChart.valueText(1234.4, 1) == "1,234")
        #expect(HTML.count(Int.min) == "-9,223,372,036,854,775,808")
    }

    @Test func aRangeTooWideForADoublePutsItsTopInTheLastBin() {
        let bins = Histogram.bins([-1e308, 0, 1e308], count: 4)
        #expect(bins.map(\.count) == [2, 0, 0, 1])
    }
}
