/// Prediction-time layout of an ensemble: every node of every tree in one contiguous array of small
/// structs, so traversal touches one cache line per node instead of eight parallel arrays.
struct PackedForest: Sendable, Equatable {
    struct Node: Sendable, Equatable {
        /// Split feature, or -1 for a leaf.
        var feature: Int32
        /// Absolute index of the left child; the right child is `right`.
        var left: Int32
        var right: Int32
        /// Index into `categorySplits`, or -1 for numeric splits.
        var categorySet: Int32
        var defaultLeft: Bool
        /// Threshold for numeric splits; leaf value for leaves.
        var payload: Double
    }

    let nodes: [Node]
    let roots: [Int32]
    let categorySplits: [CategorySplit]

    init(trees: [DecisionTree]) {
        var nodes = [Node]()
        var roots = [Int32]()
        var cats = [CategorySplit]()
        for t in trees {
            let base = Int32(nodes.count)
            let catBase = Int32(cats.count)
            roots.append(base)
            cats.append(contentsOf: t.categorySets)
            for n in 0..<t.nodeCount {
                let leaf = t.isLeaf(n)
                nodes.append(Node(feature: t.feature[n], left: leaf ? -1 : base + t.left[n], right: leaf ? -1 : base + t.right[n],
                                  categorySet: t.categorySet[n] < 0 ? -1 : catBase + t.categorySet[n],
                                  defaultLeft: t.defaultLeft[n], payload: leaf ? t.value[n] : t.threshold[n]))
            }
        }
        self.nodes = nodes
        self.roots = roots
        self.categorySplits = cats
    }

    /// Leaf value of the tree starting at node `root` for one row. Children are adjacent (right = left + 1),
    /// so the common numeric step is computed without a branch: the threshold test is data-dependent and
    /// would otherwise mispredict about half the time.
    @inline(__always)
    func value(nodes p: UnsafePointer<Node>, root: Int, row: UnsafePointer<Double>) -> Double {
        var n = root
        while true {
            let node = p[n]
            if node.feature < 0 { return node.payload }
            let v = row[Int(node.feature)]
            if node.categorySet < 0 && !v.isNaN {
                n = Int(node.left) &+ (v > node.payload ? 1 : 0)
                continue
            }
            let goLeft: Bool
            if v.isNaN {
                goLeft = node.defaultLeft
            } else {
                let cs = categorySplits[Int(node.categorySet)]
                let code = Int(v)
                goLeft = cs.left.contains(code) ? true : (cs.right.contains(code) ? false : node.defaultLeft)
            }
            n = Int(goLeft ? node.left : node.right)
        }
    }
}
