/// How one feature's raw values map to histogram bins. Value bins are 0..<valueBinCount and the
/// dedicated missing bin is `valueBinCount` (NaN, and unseen categories for categorical features).
public struct FeatureBinning: Sendable, Equatable {
    public let isCategorical: Bool
    /// Numeric: bin b holds values v with upperBounds[b-1] < v <= upperBounds[b]; the last bound is +inf.
    public let upperBounds: [Double]
    /// Categorical: bin b holds category code categories[b].
    public let categories: [Int]
    private let categoryBin: [Int: Int]

    public var valueBinCount: Int { isCategorical ? categories.count : upperBounds.count }
    public var missingBin: Int { valueBinCount }
    /// Value bins plus the missing bin.
    public var totalBinCount: Int { valueBinCount + 1 }

    public init(numericUpperBounds: [Double]) {
        isCategorical = false
        upperBounds = numericUpperBounds
        categories = []
        categoryBin = [:]
    }

    public init(categories: [Int]) {
        isCategorical = true
        upperBounds = []
        self.categories = categories
        var map = [Int: Int]()
        for (i, c) in categories.enumerated() { map[c] = i }
        categoryBin = map
    }

    @inline(__always)
    public func bin(_ v: Double) -> Int {
        if v.isNaN { return missingBin }
        if isCategorical {
            return categoryBin[Int(v)] ?? missingBin
        }
        // First bound >= v (binary search); the +inf last bound guarantees a hit.
        var lo = 0, hi = upperBounds.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if upperBounds[mid] >= v { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    public static func == (a: FeatureBinning, b: FeatureBinning) -> Bool {
        a.isCategorical == b.isCategorical && a.upperBounds == b.upperBounds && a.categories == b.categories
    }
}
