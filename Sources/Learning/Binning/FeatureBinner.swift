/// Learns per-feature bins from training data: quantile bins for numeric features (exact bins when a
/// feature has few distinct values) and one bin per frequent category for categorical features.
public struct FeatureBinner: Sendable {
    /// Total bins per numeric feature including the missing bin; at most 255 so a bin fits in a byte.
    public var maxBins: Int
    /// Rows sampled to find the bin bounds; quantiles on a sample are as good and much cheaper.
    public var sampleSize: Int
    public var seed: UInt64

    public init(maxBins: Int = 255, sampleSize: Int = 200_000, seed: UInt64 = 0) {
        self.maxBins = maxBins
        self.sampleSize = sampleSize
        self.seed = seed
    }

    public func fit(_ x: FeatureMatrix) throws -> [FeatureBinning] {
        guard maxBins >= 2, maxBins <= 255 else {
            throw LearningError.invalidArgument("maxBins must be in 2...255 (got \(maxBins))")
        }
        guard x.rowCount > 0 else { throw LearningError.emptyInput("cannot bin an empty matrix") }
        var rows = Array(0..<x.rowCount)
        if x.rowCount > sampleSize {
            var rng = SeededGenerator(seed: seed)
            rng.shuffle(&rows)
            rows = Array(rows.prefix(sampleSize))
        }
        let valueBins = maxBins - 1
        return (0..<x.columnCount).map { c in
            let vals = rows.map { x[$0, c] }.filter { !$0.isNaN }
            if x.isCategorical(c) {
                // Categories are not ordered, so merging them is lossy: they always get up to 254 bins,
                // whatever maxBins says for numeric features.
                return FeatureBinning(categories: Self.frequentCategories(vals, limit: 254))
            }
            return FeatureBinning(numericUpperBounds: Self.quantileBounds(vals, maxValueBins: valueBins))
        }
    }

    /// Most frequent categories first (ties by code) so rare ones fall into the missing bin.
    static func frequentCategories(_ values: [Double], limit: Int) -> [Int] {
        var counts = [Int: Int]()
        for v in values { counts[Int(v), default: 0] += 1 }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return ranked.prefix(limit).map { $0.key }
    }

    /// Bounds sit halfway between neighbouring distinct values, so a threshold never equals a training value.
    static func quantileBounds(_ values: [Double], maxValueBins: Int) -> [Double] {
        if values.isEmpty { return [Double.infinity] }
        let sorted = values.sorted()
        var distinct = [Double]()
        var counts = [Int]()
        for v in sorted {
            if let last = distinct.last, last == v { counts[counts.count - 1] += 1 } else {
                distinct.append(v)
                counts.append(1)
            }
        }
        var bounds = [Double]()
        if distinct.count <= maxValueBins {
            for i in 0..<(distinct.count - 1) { bounds.append((distinct[i] + distinct[i + 1]) / 2) }
        } else {
            // Greedy equal-frequency bins over distinct values; a heavy single value gets its own bin.
            var remaining = sorted.count
            var binsLeft = maxValueBins
            var acc = 0
            for i in 0..<(distinct.count - 1) {
                acc += counts[i]
                let target = Double(remaining) / Double(binsLeft)
                let distinctLeft = distinct.count - 1 - i
                if Double(acc) >= target || distinctLeft < binsLeft {
                    bounds.append((distinct[i] + distinct[i + 1]) / 2)
                    remaining -= acc
                    acc = 0
                    binsLeft -= 1
                    if binsLeft == 1 { break }
                }
            }
        }
        bounds.append(Double.infinity)
        return bounds
    }
}
