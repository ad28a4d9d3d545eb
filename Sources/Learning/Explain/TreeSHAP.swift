/// Exact path-dependent TreeSHAP (Lundberg et al., polynomial-time algorithm) for tree ensembles.
/// The "background distribution" is the training data as recorded in each node's cover, so
/// contributions + expected value reproduce the raw model output exactly.
public struct TreeSHAP: Sendable {
    /// Node weight used as the conditional-expectation weight.
    public enum Cover: Sendable {
        /// Training rows reaching the node (what shap uses for LightGBM).
        case rowCount
        /// Hessian sum at the node (what XGBoost calls cover).
        case hessian
    }

    public var cover: Cover

    public init(cover: Cover = .rowCount) { self.cover = cover }

    /// Per-row contributions (rows x features) for output `output` of a boosted model, plus the expected value.
    public func explain(_ model: BoostedTreesModel, _ x: FeatureMatrix, output: Int = 0) throws
        -> (values: ScoreMatrix, expectedValue: Double) {
        try model.check(x)
        guard output >= 0, output < model.outputCount else {
            throw LearningError.invalidArgument("output \(output) outside 0..<\(model.outputCount)")
        }
        let trees = stride(from: output, to: model.trees.count, by: model.outputCount).map { model.trees[$0] }
        let (values, expected) = explain(trees: trees, x)
        return (values, expected + model.initialScores[output])
    }

    /// Contributions for a random forest: the mean over trees, so they add up to `predict` (regression)
    /// or P(class 1) (binary classification).
    public func explain(_ model: RandomForestModel, _ x: FeatureMatrix) throws -> (values: ScoreMatrix, expectedValue: Double) {
        guard x.columnCount == model.featureNames.count else {
            throw LearningError.invalidShape("the model expects \(model.featureNames.count) features, got \(x.columnCount)")
        }
        if case .classification = model.task {
            throw LearningError.invalidArgument("TreeSHAP supports regression and binary forests; multiclass forests store class distributions")
        }
        var (values, expected) = explain(trees: model.trees, x)
        let scale = 1 / Double(max(1, model.trees.count))
        for i in values.values.indices { values.values[i] *= scale }
        return (values, expected * scale)
    }

    /// Mean |SHAP| per feature over the rows of `x`.
    public func meanAbsolute(_ model: BoostedTreesModel, _ x: FeatureMatrix, output: Int = 0) throws -> [Double] {
        let (v, _) = try explain(model, x, output: output)
        return Self.meanAbsolute(v)
    }

    static func meanAbsolute(_ v: ScoreMatrix) -> [Double] {
        var out = [Double](repeating: 0, count: v.columnCount)
        for r in 0..<v.rowCount { for c in 0..<v.columnCount { out[c] += abs(v[r, c]) } }
        return out.map { $0 / Double(max(1, v.rowCount)) }
    }

    /// Contributions of a plain sum of trees (no initial score); expected value is the sum of the trees' means.
    func explain(trees: [DecisionTree], _ x: FeatureMatrix) -> (ScoreMatrix, Double) {
        let prepared = trees.map { PreparedTree($0, cover: cover) }
        let m = x.columnCount
        var out = [Double](repeating: 0, count: x.rowCount * m)
        let maxDepth = prepared.map { $0.depth }.max() ?? 0
        let pathSize = (maxDepth + 2) * (maxDepth + 3) / 2
        out.withUnsafeMutableBufferPointer { ob in
            let o = SharedBuffer(ob.baseAddress!)
            x.values.withUnsafeBufferPointer { xb in
                Parallel.forEachChunk(count: x.rowCount, minChunk: 8) { range in
                    var path = [PathElement](repeating: PathElement(), count: pathSize)
                    var phi = [Double](repeating: 0, count: m)
                    for r in range {
                        for j in 0..<m { phi[j] = 0 }
                        let row = xb.baseAddress! + r * m
                        path.withUnsafeMutableBufferPointer { pb in
                            phi.withUnsafeMutableBufferPointer { fb in
                                for t in prepared where t.nodeCount > 1 {
                                    t.recurse(row: row, phi: fb.baseAddress!, path: pb.baseAddress!)
                                }
                            }
                        }
                        for j in 0..<m { o[r * m + j] = phi[j] }
                    }
                }
            }
        }
        let expected = prepared.reduce(0) { $0 + $1.expectedValue() }
        return (ScoreMatrix(rowCount: x.rowCount, columnCount: m, values: out), expected)
    }
}

/// 1/j for j in 0..<64 (entry 0 unused). A raw, never-freed buffer: no bounds or uniqueness checks in the
/// hot loop, and it is only ever read after initialisation.
nonisolated(unsafe) let reciprocalTable: UnsafeMutablePointer<Double> = {
    let p = UnsafeMutablePointer<Double>.allocate(capacity: 64)
    for j in 0..<64 { p[j] = j == 0 ? 0 : 1 / Double(j) }
    return p
}()

/// One element of the TreeSHAP path: the feature split on, the fraction of "zero" (feature unknown) paths
/// flowing through, whether the row's own value follows this branch ("one"), and the permutation weight.
struct PathElement {
    var feature: Int = -1
    var zero: Double = 0
    var one: Double = 0
    var weight: Double = 0
}

/// A tree flattened for TreeSHAP: one small struct per node with its weight resolved for the cover choice.
struct PreparedTree {
    struct Node {
        var left: Int32
        var right: Int32
        var feature: Int32
        var categorySet: Int32
        var defaultLeft: Bool
        var threshold: Double
        var value: Double
        var weight: Double
    }

    let nodes: [Node]
    let categorySets: [CategorySplit]
    let depth: Int
    var nodeCount: Int { nodes.count }

    init(_ tree: DecisionTree, cover: TreeSHAP.Cover) {
        let w = cover == .rowCount ? tree.rowCount : tree.cover
        nodes = (0..<tree.nodeCount).map { n in
            Node(left: tree.left[n], right: tree.right[n], feature: tree.feature[n], categorySet: tree.categorySet[n],
                 defaultLeft: tree.defaultLeft[n], threshold: tree.threshold[n], value: tree.value[n], weight: w[n])
        }
        categorySets = tree.categorySets
        depth = tree.depth
    }

    /// Cover-weighted mean output: the prediction when no feature is known.
    func expectedValue() -> Double {
        func go(_ n: Int) -> Double {
            let node = nodes[n]
            if node.feature < 0 { return node.value }
            let l = Int(node.left), r = Int(node.right)
            return (nodes[l].weight * go(l) + nodes[r].weight * go(r)) / node.weight
        }
        return nodes.isEmpty ? 0 : go(0)
    }

    @inline(__always)
    func goesLeft(_ node: Node, _ v: Double) -> Bool {
        if v.isNaN { return node.defaultLeft }
        if node.categorySet < 0 { return v <= node.threshold }
        let cs = categorySets[Int(node.categorySet)]
        let code = Int(v)
        if cs.left.contains(code) { return true }
        if cs.right.contains(code) { return false }
        return node.defaultLeft
    }

    func recurse(row: UnsafePointer<Double>, phi: UnsafeMutablePointer<Double>, path: UnsafeMutablePointer<PathElement>) {
        nodes.withUnsafeBufferPointer { nb in
            recurse(nb.baseAddress!, node: 0, row: row, phi: phi, path: path, uniqueDepth: 0,
                    parentZero: 1, parentOne: 1, parentFeature: -1)
        }
    }

    func recurse(_ nodes: UnsafePointer<Node>, node: Int, row: UnsafePointer<Double>, phi: UnsafeMutablePointer<Double>,
                 path parentPath: UnsafeMutablePointer<PathElement>, uniqueDepth depthIn: Int,
                 parentZero: Double, parentOne: Double, parentFeature: Int) {
        // Each level works on its own copy of the path, stored right after the parent's.
        let path = parentPath + depthIn + 1
        path.update(from: parentPath, count: depthIn + 1)
        var uniqueDepth = depthIn
        Self.extend(path, uniqueDepth, parentZero, parentOne, parentFeature)
        let current = nodes[node]
        if current.feature < 0 {
            let v = current.value
            if uniqueDepth >= 1 {
                // For elements the row does not follow (one == 0) the unwound sum is the same weighted sum
                // divided by that element's zero fraction: compute it once per leaf instead of per element.
                var coldSum = -1.0
                for i in 1...uniqueDepth {
                    let e = path[i]
                    let w: Double
                    if e.one == 0 {
                        if coldSum < 0 {
                            coldSum = 0
                            let dp1 = Double(uniqueDepth + 1)
                            for j in 0..<uniqueDepth { coldSum += path[j].weight * dp1 * Self.reciprocal(uniqueDepth - j) }
                        }
                        w = coldSum / e.zero
                    } else {
                        w = Self.unwoundSum(path, uniqueDepth, i)
                    }
                    phi[e.feature] += w * (e.one - e.zero) * v
                }
            }
            return
        }
        let f = Int(current.feature)
        let goLeft = goesLeft(current, row[f])
        let hot = Int(goLeft ? current.left : current.right)
        let cold = Int(goLeft ? current.right : current.left)
        let w = current.weight
        let hotZero = nodes[hot].weight / w, coldZero = nodes[cold].weight / w
        var incomingZero = 1.0, incomingOne = 1.0
        // A feature already on the path is undone first so each feature appears once.
        var k = 0
        while k <= uniqueDepth && path[k].feature != f { k += 1 }
        if k <= uniqueDepth {
            incomingZero = path[k].zero
            incomingOne = path[k].one
            Self.unwind(path, uniqueDepth, k)
            uniqueDepth -= 1
        }
        recurse(nodes, node: hot, row: row, phi: phi, path: path, uniqueDepth: uniqueDepth + 1,
                parentZero: hotZero * incomingZero, parentOne: incomingOne, parentFeature: f)
        recurse(nodes, node: cold, row: row, phi: phi, path: path, uniqueDepth: uniqueDepth + 1,
                parentZero: coldZero * incomingZero, parentOne: 0, parentFeature: f)
    }

    /// Adds a split to the path and updates the weights of all subset sizes.
    @inline(__always)
    static func extend(_ p: UnsafeMutablePointer<PathElement>, _ d: Int, _ zero: Double, _ one: Double, _ feature: Int) {
        p[d] = PathElement(feature: feature, zero: zero, one: one, weight: d == 0 ? 1 : 0)
        let invDp1 = reciprocal(d + 1)
        let oneScale = one * invDp1, zeroScale = zero * invDp1
        var i = d - 1
        while i >= 0 {
            p[i + 1].weight += oneScale * p[i].weight * Double(i + 1)
            p[i].weight = zeroScale * p[i].weight * Double(d - i)
            i -= 1
        }
    }

    /// Inverse of `extend` for element k.
    @inline(__always)
    static func unwind(_ p: UnsafeMutablePointer<PathElement>, _ d: Int, _ k: Int) {
        let one = p[k].one, zero = p[k].zero
        var nextOne = p[d].weight
        let dp1 = Double(d + 1)
        var i = d - 1
        while i >= 0 {
            if one != 0 {
                let tmp = p[i].weight
                p[i].weight = nextOne * dp1 / (Double(i + 1) * one)
                nextOne = tmp - p[i].weight * zero * Double(d - i) / dp1
            } else {
                p[i].weight = p[i].weight * dp1 / (zero * Double(d - i))
            }
            i -= 1
        }
        var j = k
        while j < d {
            p[j].feature = p[j + 1].feature
            p[j].zero = p[j + 1].zero
            p[j].one = p[j + 1].one
            j += 1
        }
    }

    /// Total weight of the path with element k unwound, without modifying it.
    /// This is the innermost loop of TreeSHAP (O(depth^2) per leaf), so divisions are replaced by
    /// multiplications with precomputed reciprocals (`reciprocal[j] = 1 / j`).
    @inline(__always)
    static func unwoundSum(_ p: UnsafeMutablePointer<PathElement>, _ d: Int, _ k: Int) -> Double {
        let one = p[k].one, zero = p[k].zero
        var nextOne = p[d].weight
        var total = 0.0
        let dp1 = Double(d + 1)
        let invDp1 = 1 / dp1
        var i = d - 1
        if one != 0 {
            let scale = dp1 / one
            let zeroScale = zero * invDp1
            while i >= 0 {
                let tmp = nextOne * scale * reciprocal(i + 1)
                total += tmp
                nextOne = p[i].weight - tmp * zeroScale * Double(d - i)
                i -= 1
            }
        } else {
            let scale = dp1 / zero
            while i >= 0 {
                total += p[i].weight * scale * reciprocal(d - i)
                i -= 1
            }
        }
        return total
    }

    /// 1/j for small j from a table (paths are far shorter than 64); falls back to a division beyond it.
    @inline(__always)
    static func reciprocal(_ j: Int) -> Double {
        j < 64 ? reciprocalTable[j] : 1 / Double(j)
    }
}
