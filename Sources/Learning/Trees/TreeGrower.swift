/// Grows one histogram tree leaf-wise: always split the leaf with the largest gain, until `maxLeaves`
/// leaves exist or no leaf has an admissible split.
struct TreeGrower: Sendable {
    let binned: BinnedMatrix
    let binnings: [FeatureBinning]
    let layout: HistogramLayout
    let params: SplitParameters
    let maxLeaves: Int
    let maxDepth: Int?
    let learningRate: Double
    let parallelFeatures: Bool
    /// Random forests: consider only this many randomly drawn features at each split (nil = all).
    var featuresPerSplit: Int? = nil
    var splitSeed: UInt64 = 0
    /// Children's histograms and split searches run over this many contiguous feature groups at once
    /// (1: one serial pass). The trees do not depend on it (see TreeGrower+FeatureGroups.swift).
    var featureGroupCount: Int
    /// Smaller children with fewer rows than this are searched serially: their work is below the cost of
    /// waking a second thread.
    var minRowsForFeatureGroups = 4_096

    init(binned: BinnedMatrix, binnings: [FeatureBinning], layout: HistogramLayout, params: SplitParameters,
         maxLeaves: Int, maxDepth: Int?, learningRate: Double, parallelFeatures: Bool) {
        self.binned = binned
        self.binnings = binnings
        self.layout = layout
        self.params = params
        self.maxLeaves = maxLeaves
        self.maxDepth = maxDepth
        self.learningRate = learningRate
        self.parallelFeatures = parallelFeatures
        featureGroupCount = parallelFeatures ? Parallel.workers : 1
    }

    /// Result of growing: the tree plus, for each leaf, the range of `workspace.rows` holding the in-bag
    /// rows that reached it (so training scores can be updated without traversing the tree again).
    struct Result {
        var tree: DecisionTree
        var leafRanges: [(node: Int, range: Range<Int>)]
        /// The same tree in bin space, for routing rows that were not sampled.
        var binTree: BinTree
    }

    /// Tree over bin codes: internal node n sends bin b left when `goLeft[n * 256 + b] == 1`.
    struct BinTree {
        var feature: [Int32] = []
        var left: [Int32] = []
        var right: [Int32] = []
        var goLeft: [UInt8] = []

        mutating func addNode() {
            feature.append(-1); left.append(-1); right.append(-1)
            goLeft.append(contentsOf: repeatElement(0, count: 256))
        }

        /// Leaf node reached by each of the given training rows (children are adjacent: right = left + 1,
        /// which makes each step branch-free).
        func addLeafValues(rows: [Int32], values: [Double], bins: UnsafePointer<UInt8>, featureCount: Int,
                           into scores: UnsafeMutablePointer<Double>) {
            feature.withUnsafeBufferPointer { fb in
                left.withUnsafeBufferPointer { lb in
                    goLeft.withUnsafeBufferPointer { gb in
                        for r32 in rows {
                            let r = Int(r32)
                            var n = 0
                            while fb[n] >= 0 {
                                let b = Int(bins[r &* featureCount &+ Int(fb[n])])
                                n = Int(lb[n]) &+ Int(1 &- gb[n &* 256 &+ b])
                            }
                            scores[r] += values[n]
                        }
                    }
                }
            }
        }
    }

    /// Row buffers reused across trees: fresh multi-hundred-KB arrays per tree cost more in page faults
    /// than the histogram work itself.
    struct Workspace {
        var rows: [Int32] = []
        var scratch: [Int32] = []
        /// Histogram buffers returned by finished leaves, reused instead of reallocated.
        var pool: [FeatureHistogram] = []
    }

    struct OpenLeaf {
        var node: Int
        var begin: Int
        var end: Int
        var depth: Int
        var stats: NodeStats
        var hist: FeatureHistogram?
        var best: SplitCandidate?
    }

    func grow(grad: UnsafePointer<Double>, hess: UnsafePointer<Double>, rows: [Int32], features: [Int]) -> Result {
        var ws = Workspace()
        return grow(grad: grad, hess: hess, rows: rows, features: features, workspace: &ws)
    }

    func grow(grad: UnsafePointer<Double>, hess: UnsafePointer<Double>, rows: [Int32], features: [Int],
              workspace ws: inout Workspace) -> Result {
        if ws.rows.count < rows.count {
            ws.rows = [Int32](repeating: 0, count: rows.count)
            ws.scratch = [Int32](repeating: 0, count: rows.count)
        }
        for i in 0..<rows.count { ws.rows[i] = rows[i] }
        var tree = DecisionTree()
        var binTree = BinTree()
        var rootStats = NodeStats.zero
        for r in rows { rootStats.g += grad[Int(r)]; rootStats.h += hess[Int(r)]; rootStats.c += 1 }
        let root = tree.addNode(value: leafValue(rootStats), cover: rootStats.h, count: rootStats.c)
        binTree.addNode()
        var leaves = [OpenLeaf(node: root, begin: 0, end: rows.count, depth: 0, stats: rootStats, hist: nil, best: nil)]
        if canSplit(leaves[0]) {
            leaves[0].hist = buildHistogram(ws.rows, 0, rows.count, grad, hess, features, &ws.pool)
            leaves[0].best = findBest(leaves[0].hist!, leaves[0].stats, features, node: root)
        }
        var leafCount = 1
        // Per-node feature draws (forests) need the whole feature list in one search.
        let groups = featuresPerSplit == nil ? featureGroups(features) : [features[...]]
        while leafCount < maxLeaves {
            // Largest gain first; ties go to the earliest leaf so growth is deterministic.
            var pick = -1
            var bestGain = -Double.infinity
            for (i, l) in leaves.enumerated() {
                if let b = l.best, b.gain > bestGain { bestGain = b.gain; pick = i }
            }
            if pick < 0 { break }
            var parent = leaves[pick]
            // Take the histogram out of the leaf so it is uniquely referenced and can be updated in place.
            let parentHistogram = parent.hist
            parent.hist = nil
            leaves[pick].hist = nil
            let split = parent.best!
            let mid = partition(&ws.rows, &ws.scratch, parent.begin, parent.end, split)
            let n = parent.node
            tree.feature[n] = Int32(split.feature)
            tree.defaultLeft[n] = split.defaultLeft
            tree.gain[n] = split.gain
            let binning = binnings[split.feature]
            if split.isCategorical {
                let leftCodes = split.leftBins.map { binning.categories[$0] }
                let leftSet = Set(split.leftBins)
                let rightCodes = (0..<binning.valueBinCount).filter { !leftSet.contains($0) }.map { binning.categories[$0] }
                tree.categorySet[n] = Int32(tree.categorySets.count)
                tree.categorySets.append(CategorySplit(left: CategoryBitset(leftCodes), right: CategoryBitset(rightCodes)))
            } else {
                tree.threshold[n] = binning.upperBounds[split.thresholdBin]
            }
            let ln = tree.addNode(value: leafValue(split.left), cover: split.left.h, count: split.left.c)
            let rn = tree.addNode(value: leafValue(split.right), cover: split.right.h, count: split.right.c)
            tree.left[n] = Int32(ln)
            tree.right[n] = Int32(rn)
            binTree.addNode(); binTree.addNode()
            binTree.feature[n] = Int32(split.feature)
            binTree.left[n] = Int32(ln)
            binTree.right[n] = Int32(rn)
            let lut = goLeftTable(split)
            for b in 0..<256 where lut[b] { binTree.goLeft[n * 256 + b] = 1 }
            var l = OpenLeaf(node: ln, begin: parent.begin, end: mid, depth: parent.depth + 1, stats: split.left, hist: nil, best: nil)
            var r = OpenLeaf(node: rn, begin: mid, end: parent.end, depth: parent.depth + 1, stats: split.right, hist: nil, best: nil)
            leafCount += 1
            if leafCount < maxLeaves && (canSplit(l) || canSplit(r)) {
                // Build the smaller child from its rows; the larger one is parent minus smaller.
                var parentHist = parentHistogram!
                let smallIsLeft = (mid - parent.begin) <= (parent.end - mid)
                let small = smallIsLeft ? l : r
                if groups.count > 1 && small.end - small.begin >= minRowsForFeatureGroups {
                    var smallHist = ws.pool.popLast() ?? FeatureHistogram(layout: layout)
                    let best = searchChildren(small: &smallHist, larger: &parentHist, rows: ws.rows, small.begin, small.end,
                                              grad, hess, groups, smallIsLeft ? (l, r) : (r, l))
                    if smallIsLeft { l.hist = smallHist; r.hist = parentHist } else { r.hist = smallHist; l.hist = parentHist }
                    (l.best, r.best) = smallIsLeft ? best : (best.larger, best.small)
                    if !canSplit(l) { ws.pool.append(l.hist!); l.hist = nil }
                    if !canSplit(r) { ws.pool.append(r.hist!); r.hist = nil }
                } else {
                    let smallHist = buildHistogram(ws.rows, small.begin, small.end, grad, hess, features, &ws.pool)
                    parentHist.subtract(smallHist, layout: layout, features: features)
                    if smallIsLeft { l.hist = smallHist; r.hist = parentHist } else { r.hist = smallHist; l.hist = parentHist }
                    if canSplit(l) { l.best = findBest(l.hist!, l.stats, features, node: ln) } else { ws.pool.append(l.hist!); l.hist = nil }
                    if canSplit(r) { r.best = findBest(r.hist!, r.stats, features, node: rn) } else { ws.pool.append(r.hist!); r.hist = nil }
                }
            } else if let h = parentHistogram {
                ws.pool.append(h)
            }
            leaves[pick] = l
            leaves.append(r)
        }
        for l in leaves { if let h = l.hist { ws.pool.append(h) } }
        return Result(tree: tree, leafRanges: leaves.map { ($0.node, $0.begin..<$0.end) }, binTree: binTree)
    }

    private func leafValue(_ s: NodeStats) -> Double {
        SplitFinder.leafValue(s, l2: params.l2, maxDeltaStep: params.maxDeltaStep) * learningRate
    }

    func canSplit(_ l: OpenLeaf) -> Bool {
        if let d = maxDepth, l.depth >= d { return false }
        return l.end - l.begin >= 2 * max(1, params.minRowsPerLeaf)
    }

    func buildHistogram(_ idx: [Int32], _ begin: Int, _ end: Int, _ grad: UnsafePointer<Double>,
                                _ hess: UnsafePointer<Double>, _ features: [Int], _ pool: inout [FeatureHistogram]) -> FeatureHistogram {
        // build() clears the slices it fills, so a pooled buffer needs no zeroing here.
        var h = pool.popLast() ?? FeatureHistogram(layout: layout)
        idx.withUnsafeBufferPointer { all in
            let slice = UnsafeBufferPointer(rebasing: all[begin..<end])
            h.build(binned: binned, layout: layout, features: features, rows: slice, grad: grad, hess: hess,
                    parallel: parallelFeatures)
        }
        return h
    }

    private func findBest(_ hist: FeatureHistogram, _ stats: NodeStats, _ allFeatures: [Int], node: Int) -> SplitCandidate? {
        var features = allFeatures
        if let m = featuresPerSplit, m < features.count {
            // Seeded per node, so the same tree is grown whatever thread grows it.
            var rng = SeededGenerator(seed: SeededGenerator.derive(splitSeed, UInt64(node)))
            for i in 0..<m { features.swapAt(i, i + rng.nextInt(features.count - i)) }
            features = Array(features.prefix(m)).sorted()
        }
        return hist.data.withUnsafeBufferPointer { bestSplit($0.baseAddress!, stats, features) }
    }

    /// The first feature's split with the largest gain.
    func bestSplit(_ hist: UnsafePointer<Double>, _ stats: NodeStats, _ features: [Int]) -> SplitCandidate? {
        var best: SplitCandidate? = nil
        for f in features {
            let p = hist + layout.offsets[f] * FeatureHistogram.stride
            if let c = SplitFinder.bestSplit(feature: f, binning: binnings[f], hist: p, parent: stats, params: params),
               c.gain > (best?.gain ?? -Double.infinity) {
                best = c
            }
        }
        return best
    }

    private func goLeftTable(_ split: SplitCandidate) -> [Bool] {
        var goLeft = [Bool](repeating: false, count: 256)
        if split.isCategorical {
            for b in split.leftBins { goLeft[b] = true }
        } else {
            for b in 0...split.thresholdBin { goLeft[b] = true }
        }
        goLeft[binnings[split.feature].missingBin] = split.defaultLeft
        return goLeft
    }

    /// Stable partition of idx[begin..<end] into left rows then right rows; returns the boundary.
    private func partition(_ idx: inout [Int32], _ scratch: inout [Int32], _ begin: Int, _ end: Int,
                           _ split: SplitCandidate) -> Int {
        let fc = binned.featureCount
        let goLeft = goLeftTable(split)
        var nl = 0, nr = 0
        binned.bins.withUnsafeBufferPointer { bb in
            let col = bb.baseAddress! + split.feature
            // Branch-free: write the row to both sides and advance only the matching cursor.
            idx.withUnsafeMutableBufferPointer { ib in
                scratch.withUnsafeMutableBufferPointer { sb in
                    goLeft.withUnsafeBufferPointer { gl in
                        for i in begin..<end {
                            let r = ib[i]
                            let l = gl[Int(col[Int(r) &* fc])] ? 1 : 0
                            ib[begin &+ nl] = r
                            sb[nr] = r
                            nl &+= l
                            nr &+= 1 &- l
                        }
                    }
                }
            }
        }
        for j in 0..<nr { idx[begin + nl + j] = scratch[j] }
        return begin + nl
    }
}
