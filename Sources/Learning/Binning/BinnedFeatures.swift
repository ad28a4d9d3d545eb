/// A feature matrix kept as one byte a value: each value's histogram bin under `binnings`, the binning the
/// trees split on. Boosted trees fit from it without the float values (`BoostedTrees.fit(_:targets:)`), so a
/// caller can bin rows chunk by chunk and hold a byte instead of eight per value.
public struct BinnedFeatures: Sendable {
    public let columnNames: [String]
    public let categoricalColumns: Set<Int>
    public let binnings: [FeatureBinning]
    let matrix: BinnedMatrix

    public var rowCount: Int { matrix.rowCount }
    public var columnCount: Int { matrix.featureCount }
    /// Row-major bin codes: codes[row * columnCount + column].
    public var codes: [UInt8] { matrix.bins }

    /// Bins `x` with binnings fitted on it, as `BoostedTrees` with the same `maxBins` and `seed` would.
    public init(_ x: FeatureMatrix, maxBins: Int = 255, seed: UInt64 = 0) throws {
        try self.init(x, binnings: FeatureBinner(maxBins: maxBins, seed: seed).fit(x))
    }

    /// Bins `x` with binnings fitted elsewhere (on a sample, or on the first chunk of a larger table).
    public init(_ x: FeatureMatrix, binnings: [FeatureBinning]) throws {
        guard binnings.count == x.columnCount else {
            throw LearningError.invalidShape("\(binnings.count) binnings for \(x.columnCount) columns")
        }
        for c in x.categoricalColumns where !binnings[c].isCategorical {
            throw LearningError.invalidShape("column \(c) is categorical but its binning is numeric")
        }
        columnNames = x.columnNames
        categoricalColumns = x.categoricalColumns
        self.binnings = binnings
        matrix = BinnedMatrix(x, binnings: binnings)
    }
}
