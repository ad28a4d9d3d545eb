/// Row-major matrix of per-row outputs: class probabilities, raw scores or SHAP values.
public struct ScoreMatrix: Sendable, Equatable {
    public let rowCount: Int
    public let columnCount: Int
    public var values: [Double]

    public init(rowCount: Int, columnCount: Int, values: [Double]) {
        precondition(values.count == rowCount * columnCount, "ScoreMatrix shape mismatch")
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.values = values
    }

    public init(rowCount: Int, columnCount: Int, repeating v: Double = 0) {
        self.init(rowCount: rowCount, columnCount: columnCount, values: [Double](repeating: v, count: rowCount * columnCount))
    }

    @inlinable public subscript(row: Int, column: Int) -> Double {
        get { values[row * columnCount + column] }
        set { values[row * columnCount + column] = newValue }
    }

    public func row(_ r: Int) -> ArraySlice<Double> {
        values[(r * columnCount)..<((r + 1) * columnCount)]
    }

    /// Index of the largest entry of each row (first one on ties).
    public func argmaxPerRow() -> [Int] {
        (0..<rowCount).map { r in
            var best = 0
            var bv = -Double.infinity
            for c in 0..<columnCount where values[r * columnCount + c] > bv {
                bv = values[r * columnCount + c]
                best = c
            }
            return best
        }
    }
}
