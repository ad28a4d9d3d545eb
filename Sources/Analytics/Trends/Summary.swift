/// Five numbers that describe one group's values of one feature.
public struct Summary: Sendable, Equatable {
    public var count: Int
    public var mean: Double
    public var median: Double
    public var q1: Double
    public var q3: Double
    /// Sample standard deviation (n − 1); 0 for a single value.
    public var standardDeviation: Double

    /// nil for no values. Quartiles interpolate linearly between order statistics (numpy's default,
    /// R type 7), so [1, 2, 3, 4] has q1 1.75, median 2.5, q3 3.25.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        count = sorted.count
        let mean = sorted.reduce(0, +) / Double(count)
        self.mean = mean
        median = Self.quantile(sorted, 0.5)
        q1 = Self.quantile(sorted, 0.25)
        q3 = Self.quantile(sorted, 0.75)
        let squares = sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        standardDeviation = count > 1 ? (squares / Double(count - 1)).squareRoot() : 0
    }

    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let position = Double(sorted.count - 1) * p
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (position - Double(lower)) * (sorted[upper] - sorted[lower])
    }
}
