/// Dense row-major feature matrix. `Double.nan` marks a missing value.
/// Categorical columns hold non-negative integer category codes.
public struct FeatureMatrix: Sendable, Equatable {
    public let rowCount: Int
    public let columnCount: Int
    public let values: [Double]
    public let columnNames: [String]
    public let categoricalColumns: Set<Int>

    public init(rowCount: Int, columnCount: Int, values: [Double], columnNames: [String]? = nil,
                categoricalColumns: Set<Int> = []) throws {
        guard rowCount >= 0, columnCount > 0 else {
            throw LearningError.invalidShape("a feature matrix needs at least one column (got \(columnCount))")
        }
        guard values.count == rowCount * columnCount else {
            throw LearningError.invalidShape("\(values.count) values cannot fill \(rowCount) x \(columnCount)")
        }
        let names = columnNames ?? (0..<columnCount).map { "f\($0)" }
        guard names.count == columnCount else {
            throw LearningError.invalidShape("\(names.count) column names for \(columnCount) columns")
        }
        guard categoricalColumns.allSatisfy({ $0 >= 0 && $0 < columnCount }) else {
            throw LearningError.invalidArgument("categorical column index out of range")
        }
        for c in categoricalColumns {
            for r in 0..<rowCount {
                let v = values[r * columnCount + c]
                if !v.isNaN && (v < 0 || v != v.rounded() || v > 1_000_000) {
                    throw LearningError.invalidArgument(
                        "categorical column '\(names[c])' must hold integer codes in 0...1000000 (row \(r) has \(v))")
                }
            }
        }
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.values = values
        self.columnNames = names
        self.categoricalColumns = categoricalColumns
    }

    public init(rows: [[Double]], columnNames: [String]? = nil, categoricalColumns: Set<Int> = []) throws {
        guard let first = rows.first else { throw LearningError.emptyInput("no rows") }
        guard rows.allSatisfy({ $0.count == first.count }) else {
            throw LearningError.invalidShape("rows have different lengths")
        }
        try self.init(rowCount: rows.count, columnCount: first.count, values: rows.flatMap { $0 },
                      columnNames: columnNames, categoricalColumns: categoricalColumns)
    }

    @inlinable public subscript(row: Int, column: Int) -> Double {
        values[row * columnCount + column]
    }

    public func row(_ r: Int) -> ArraySlice<Double> {
        values[(r * columnCount)..<((r + 1) * columnCount)]
    }

    public func column(_ c: Int) -> [Double] {
        (0..<rowCount).map { values[$0 * columnCount + c] }
    }

    public func columnIndex(named name: String) throws -> Int {
        guard let i = columnNames.firstIndex(of: name) else { throw LearningError.unknownColumn(name) }
        return i
    }

    public func isCategorical(_ column: Int) -> Bool { categoricalColumns.contains(column) }

    /// Returns a copy with the named columns marked categorical.
    public func markingCategorical(_ names: [String]) throws -> FeatureMatrix {
        var set = categoricalColumns
        for n in names { set.insert(try columnIndex(named: n)) }
        return try FeatureMatrix(rowCount: rowCount, columnCount: columnCount, values: values,
                                 columnNames: columnNames, categoricalColumns: set)
    }

    public func selectingRows(_ indices: [Int]) -> FeatureMatrix {
        var out = [Double]()
        out.reserveCapacity(indices.count * columnCount)
        for r in indices { out.append(contentsOf: row(r)) }
        return FeatureMatrix(unchecked: indices.count, columnCount, out, columnNames, categoricalColumns)
    }

    /// Returns a copy where one column is replaced (used by permutation importance).
    public func replacingColumn(_ c: Int, with newValues: [Double]) -> FeatureMatrix {
        precondition(newValues.count == rowCount)
        var v = values
        for r in 0..<rowCount { v[r * columnCount + c] = newValues[r] }
        return FeatureMatrix(unchecked: rowCount, columnCount, v, columnNames, categoricalColumns)
    }

    init(unchecked rowCount: Int, _ columnCount: Int, _ values: [Double], _ names: [String], _ categorical: Set<Int>) {
        self.rowCount = rowCount
        self.columnCount = columnCount
        self.values = values
        self.columnNames = names
        self.categoricalColumns = categorical
    }
}
