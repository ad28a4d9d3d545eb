import Foundation

/// Maps a data interval onto a pixel interval.
public struct LinearScale: Sendable {
    public var domainLow: Double
    public var domainHigh: Double
    public var rangeLow: Double
    public var rangeHigh: Double

    public init(domain: (Double, Double), range: (Double, Double)) {
        var (low, high) = domain
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        if low == high { low -= 0.5; high += 0.5 }
        domainLow = low; domainHigh = high; rangeLow = range.0; rangeHigh = range.1
    }

    public func callAsFunction(_ x: Double) -> Double {
        rangeLow + (x - domainLow) / (domainHigh - domainLow) * (rangeHigh - rangeLow)
    }

    /// About `count` round tick values inside the domain.
    public func ticks(_ count: Int = 5) -> [Double] {
        Ticks.nice(domainLow, domainHigh, count: count)
    }
}
