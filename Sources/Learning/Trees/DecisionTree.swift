/// One fitted regression tree in raw feature space, stored as parallel node arrays (node 0 is the root).
/// Leaf values already include the learning rate. `cover` is the hessian sum and `rowCount` the number of
/// training rows that reached the node; TreeSHAP uses them as path-dependent weights.
public struct DecisionTree: Sendable, Equatable {
    /// Split feature, or -1 for a leaf.
    public internal(set) var feature: [Int32] = []
    /// Numeric split: go left when value <= threshold.
    public internal(set) var threshold: [Double] = []
    /// Where NaN (and unseen categories) go.
    public internal(set) var defaultLeft: [Bool] = []
    public internal(set) var left: [Int32] = []
    public internal(set) var right: [Int32] = []
    public internal(set) var value: [Double] = []
    public internal(set) var cover: [Double] = []
    public internal(set) var rowCount: [Double] = []
    public internal(set) var gain: [Double] = []
    /// Categorical split: index into `categorySets` of (left codes, right codes); -1 for numeric splits.
    public internal(set) var categorySet: [Int32] = []
    public internal(set) var categorySets: [CategorySplit] = []

    public init() {}

    public var nodeCount: Int { feature.count }
    public var leafCount: Int { feature.reduce(0) { $0 + ($1 < 0 ? 1 : 0) } }
    @inline(__always) public func isLeaf(_ n: Int) -> Bool { feature[n] < 0 }

    public var depth: Int {
        func d(_ n: Int) -> Int { isLeaf(n) ? 0 : 1 + max(d(Int(left[n])), d(Int(right[n]))) }
        return nodeCount == 0 ? 0 : d(0)
    }

    mutating func addNode(value: Double, cover: Double, count: Double) -> Int {
        feature.append(-1); threshold.append(0); defaultLeft.append(false)
        left.append(-1); right.append(-1)
        self.value.append(value); self.cover.append(cover); rowCount.append(count); gain.append(0)
        categorySet.append(-1)
        return feature.count - 1
    }

    /// Which child a value goes to at internal node n.
    @inline(__always)
    public func goesLeft(node n: Int, value v: Double) -> Bool {
        if v.isNaN { return defaultLeft[n] }
        let cs = Int(categorySet[n])
        if cs < 0 { return v <= threshold[n] }
        let code = Int(v)
        if categorySets[cs].left.contains(code) { return true }
        if categorySets[cs].right.contains(code) { return false }
        return defaultLeft[n]
    }

    /// Leaf reached by a row given as a pointer to its feature values.
    @inline(__always)
    public func leaf(for row: UnsafePointer<Double>) -> Int {
        var n = 0
        while feature[n] >= 0 {
            n = goesLeft(node: n, value: row[Int(feature[n])]) ? Int(left[n]) : Int(right[n])
        }
        return n
    }

    public func predict(row: [Double]) -> Double {
        row.withUnsafeBufferPointer { value[leaf(for: $0.baseAddress!)] }
    }
}
