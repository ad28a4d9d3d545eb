/// Grows one multiclass classification tree for a random forest, splitting on the weighted Gini criterion.
/// Class-count histograms would cost bins x classes per node (too much for 100+ classes and deep trees),
/// so each node counting-sorts its rows by bin per feature and sweeps them, updating the class sums of
/// squares incrementally: O(features x (rows + bins)) per node. Bins are scanned in their stored order,
/// so categorical features split by category frequency rank; missing values always go right.
struct ClassificationTreeGrower {
    let binned: BinnedMatrix
    let binnings: [FeatureBinning]
    let layout: HistogramLayout
    let classCount: Int
    /// Minimum (bootstrap-weighted) rows per leaf.
    let minRowsPerLeaf: Double
    let maxLeaves: Int
    let maxDepth: Int?
    let featuresPerSplit: Int
    let splitSeed: UInt64

    struct Result {
        var tree: DecisionTree
        /// Class probabilities of each leaf, by node.
        var distributions: ClassDistributions
    }

    private struct Split {
        var feature: Int
        var thresholdBin: Int
        var gain: Double
    }

    private struct OpenLeaf {
        var node: Int
        var begin: Int
        var end: Int
        var depth: Int
        var counts: [Double]
        var best: Split?
    }

    func grow(rows: [Int32], labels: [Int32], weights: [Double]) -> Result {
        var idx = rows
        var scratch = [Int32](repeating: 0, count: rows.count)
        let k = classCount
        var tree = DecisionTree()
        var rootCounts = [Double](repeating: 0, count: k)
        for r in rows { rootCounts[Int(labels[Int(r)])] += weights[Int(r)] }
        let rootTotal = rootCounts.reduce(0, +)
        _ = tree.addNode(value: 0, cover: rootTotal, count: Double(rows.count))
        var leaves = [OpenLeaf(node: 0, begin: 0, end: rows.count, depth: 0, counts: rootCounts, best: nil)]
        var work = Workspace(classCount: k, capacity: rows.count)
        if canSplit(leaves[0]) { leaves[0].best = findBest(idx[0..<rows.count], labels, weights, rootCounts, node: 0, &work) }
        var leafCount = 1
        // Without a binding leaf cap the order does not matter: a stack avoids rescanning every leaf.
        let unbounded = maxLeaves >= rows.count
        var pending = leaves[0].best == nil ? [] : [0]
        while leafCount < maxLeaves {
            var pick = -1
            if unbounded {
                guard let top = pending.popLast() else { break }
                pick = top
            } else {
                var bestGain = 0.0
                for (i, l) in leaves.enumerated() { if let b = l.best, b.gain > bestGain { bestGain = b.gain; pick = i } }
            }
            if pick < 0 { break }
            let parent = leaves[pick]
            let split = parent.best!
            // Stable partition of the parent's rows by the split's bin threshold.
            var nl = 0, nr = 0
            let fc = binned.featureCount
            for i in parent.begin..<parent.end {
                let r = idx[i]
                if Int(binned.bins[Int(r) * fc + split.feature]) <= split.thresholdBin { idx[parent.begin + nl] = r; nl += 1 } else { scratch[nr] = r; nr += 1 }
            }
            for j in 0..<nr { idx[parent.begin + nl + j] = scratch[j] }
            let mid = parent.begin + nl
            var leftCounts = [Double](repeating: 0, count: k)
            for i in parent.begin..<mid { leftCounts[Int(labels[Int(idx[i])])] += weights[Int(idx[i])] }
            let rightCounts = (0..<k).map { parent.counts[$0] - leftCounts[$0] }
            let n = parent.node
            let binning = binnings[split.feature]
            tree.feature[n] = Int32(split.feature)
            tree.gain[n] = split.gain
            tree.defaultLeft[n] = false
            if binning.isCategorical {
                let leftCodes = (0...split.thresholdBin).map { binning.categories[$0] }
                let rightCodes = ((split.thresholdBin + 1)..<binning.valueBinCount).map { binning.categories[$0] }
                tree.categorySet[n] = Int32(tree.categorySets.count)
                tree.categorySets.append(CategorySplit(left: CategoryBitset(leftCodes), right: CategoryBitset(rightCodes)))
            } else {
                tree.threshold[n] = binning.upperBounds[split.thresholdBin]
            }
            let ln = tree.addNode(value: 0, cover: leftCounts.reduce(0, +), count: Double(mid - parent.begin))
            let rn = tree.addNode(value: 0, cover: rightCounts.reduce(0, +), count: Double(parent.end - mid))
            tree.left[n] = Int32(ln)
            tree.right[n] = Int32(rn)
            var l = OpenLeaf(node: ln, begin: parent.begin, end: mid, depth: parent.depth + 1, counts: leftCounts, best: nil)
            var r = OpenLeaf(node: rn, begin: mid, end: parent.end, depth: parent.depth + 1, counts: rightCounts, best: nil)
            leafCount += 1
            if leafCount < maxLeaves {
                if canSplit(l) { l.best = findBest(idx[l.begin..<l.end], labels, weights, l.counts, node: ln, &work) }
                if canSplit(r) { r.best = findBest(idx[r.begin..<r.end], labels, weights, r.counts, node: rn, &work) }
            }
            leaves[pick] = l
            leaves.append(r)
            if unbounded {
                if l.best != nil { pending.append(pick) }
                if r.best != nil { pending.append(leaves.count - 1) }
            }
        }
        var dist = ClassDistributions()
        var byNode = [Int: [Double]]()
        for l in leaves { byNode[l.node] = l.counts }
        for node in 0..<tree.nodeCount {
            if let c = byNode[node] {
                let total = c.reduce(0, +)
                dist.append(c.enumerated().filter { $0.element > 0 }.map { (Int32($0.offset), $0.element / total) })
            } else {
                dist.append([])
            }
        }
        return Result(tree: tree, distributions: dist)
    }

    private func canSplit(_ l: OpenLeaf) -> Bool {
        if let d = maxDepth, l.depth >= d { return false }
        // A pure node cannot improve.
        return l.counts.reduce(0, +) >= 2 * minRowsPerLeaf && l.counts.filter { $0 > 0 }.count > 1
    }

    /// Buffers reused by every node of one tree.
    struct Workspace {
        var left: [Double]
        var binStart: [Int]
        var order: [Int32]
        init(classCount: Int, capacity: Int) {
            left = [Double](repeating: 0, count: classCount)
            binStart = [Int](repeating: 0, count: 257)
            order = [Int32](repeating: 0, count: max(1, capacity))
        }
    }

    private func findBest(_ rows: ArraySlice<Int32>, _ labels: [Int32], _ weights: [Double], _ parent: [Double],
                          node: Int, _ work: inout Workspace) -> Split? {
        var features = Array(0..<binned.featureCount)
        if featuresPerSplit < features.count {
            var rng = SeededGenerator(seed: SeededGenerator.derive(splitSeed, UInt64(node)))
            for i in 0..<featuresPerSplit { features.swapAt(i, i + rng.nextInt(features.count - i)) }
            features = Array(features.prefix(featuresPerSplit)).sorted()
        }
        let fc = binned.featureCount
        let total = parent.reduce(0, +)
        let sqParent = parent.reduce(0) { $0 + $1 * $1 }
        let parentScore = sqParent / total
        var best: Split? = nil
        binned.bins.withUnsafeBufferPointer { bins in
            for f in features {
                let v = binnings[f].valueBinCount
                // Counting sort of the node's rows by this feature's bin.
                for b in 0...256 { work.binStart[b] = 0 }
                for r in rows { work.binStart[Int(bins[Int(r) * fc + f]) + 1] += 1 }
                for b in 0..<256 { work.binStart[b + 1] += work.binStart[b] }
                var fill = work.binStart
                for r in rows {
                    let b = Int(bins[Int(r) * fc + f])
                    work.order[fill[b]] = r
                    fill[b] += 1
                }
                var sqL = 0.0, sqR = sqParent, l = 0.0
                var i = 0
                // Value bins 0..<v-1 can end the left side; the missing bin (v) always stays right.
                for t in 0..<(v - 1) {
                    let end = work.binStart[t + 1]
                    if i == end { continue }
                    while i < end {
                        let r = Int(work.order[i])
                        let y = Int(labels[r]), w = weights[r]
                        let lBefore = work.left[y]
                        sqL += 2 * lBefore * w + w * w
                        sqR += -2 * (parent[y] - lBefore) * w + w * w
                        work.left[y] = lBefore + w
                        l += w
                        i += 1
                    }
                    let rw = total - l
                    if l < minRowsPerLeaf || rw < minRowsPerLeaf { continue }
                    // Weighted Gini decrease: sum_k L_k^2/l + sum_k R_k^2/r - sum_k P_k^2/p.
                    let gain = sqL / l + sqR / rw - parentScore
                    if gain > (best?.gain ?? 1e-12) { best = Split(feature: f, thresholdBin: t, gain: gain) }
                }
                for j in 0..<i { work.left[Int(labels[Int(work.order[j])])] = 0 }
            }
        }
        return best
    }
}

/// Sparse class-probability vectors, one per tree node (empty for internal nodes).
public struct ClassDistributions: Sendable, Equatable {
    public private(set) var offsets: [Int32] = [0]
    public private(set) var classes: [Int32] = []
    public private(set) var probabilities: [Double] = []

    public init() {}

    init(offsets: [Int32], classes: [Int32], probabilities: [Double]) {
        self.offsets = offsets
        self.classes = classes
        self.probabilities = probabilities
    }

    mutating func append(_ entries: [(Int32, Double)]) {
        for (c, p) in entries { classes.append(c); probabilities.append(p) }
        offsets.append(Int32(classes.count))
    }

    var nodeCount: Int { offsets.count - 1 }

    func entries(node: Int) -> Range<Int> { Int(offsets[node])..<Int(offsets[node + 1]) }
}
