/// The boosting loop behind `BoostedTrees.fit`.
struct BoostedTreesTrainer {
    let config: BoostedTrees
    let data: BinnedFeatures
    let targets: [Double]
    let validation: (features: FeatureMatrix, targets: [Double])?

    func run() throws -> BoostedTreesModel {
        try config.validate(rowCount: data.rowCount, targets)
        if let v = validation {
            guard v.features.columnCount == data.columnCount else {
                throw LearningError.invalidShape("validation has \(v.features.columnCount) columns, training \(data.columnCount)")
            }
            try config.validate(rowCount: v.features.rowCount, v.targets)
        }
        let objective = config.objective.make()
        let k = objective.outputCount
        let n = data.rowCount
        let binnings = data.binnings
        let binned = data.matrix
        let layout = HistogramLayout(binnings: binnings)
        let params = SplitParameters(
            l2: config.l2, minRowsPerLeaf: config.minRowsPerLeaf, minHessianPerLeaf: config.minHessianPerLeaf,
            minSplitGain: config.minSplitGain, maxDeltaStep: config.maxDeltaStep ?? objective.defaultMaxDeltaStep,
            categoricalSmoothing: config.categoricalSmoothing, categoricalL2: config.categoricalL2)
        let grower = TreeGrower(binned: binned, binnings: binnings, layout: layout, params: params,
                                maxLeaves: config.maxLeaves, maxDepth: config.maxDepth,
                                learningRate: config.learningRate, parallelFeatures: k == 1)
        let initial = try objective.initialScores(targets: targets)
        var scores = [Double](repeating: 0, count: n * k)
        for c in 0..<k { for r in 0..<n { scores[c * n + r] = initial[c] } }
        var grad = [Double](repeating: 0, count: n * k)
        var hess = grad
        let vn = validation?.features.rowCount ?? 0
        var vScores = [Double](repeating: 0, count: vn * k)
        for c in 0..<k { for r in 0..<vn { vScores[c * vn + r] = initial[c] } }

        var trees = [DecisionTree]()
        // One workspace per worker (not per class): classes are dealt round-robin to workers, so buffers are
        // reused across classes and memory does not grow with the class count.
        let workerCount = min(k, Parallel.workers)
        var workspaces = [TreeGrower.Workspace](repeating: TreeGrower.Workspace(), count: workerCount)
        var bestLoss = Double.infinity
        var bestRounds = 0
        var sinceBest = 0
        for round in 0..<config.rounds {
            fillGradients(objective, scores, &grad, &hess, n)
            let bag = drawBag(round: round, n: n)
            var roundTrees = [DecisionTree](repeating: DecisionTree(), count: k)
            // Each class's tree is independent given this round's gradients: grow them concurrently.
            // Every task touches only its own class slice of scores/gradients and its own workspace.
            workspaces.withUnsafeMutableBufferPointer { wb in
                let wsOut = SharedBuffer(wb.baseAddress!)
                roundTrees.withUnsafeMutableBufferPointer { tb in
                    let treesOut = SharedBuffer(tb.baseAddress!)
                    scores.withUnsafeMutableBufferPointer { sb in
                        let sOut = SharedBuffer(sb.baseAddress!)
                        vScores.withUnsafeMutableBufferPointer { vb in
                            let vOut = SharedBuffer(vb.baseAddress!)
                            grad.withUnsafeMutableBufferPointer { gb in
                                hess.withUnsafeMutableBufferPointer { hb in
                                    let gp = SharedBuffer(gb.baseAddress!), hp = SharedBuffer(hb.baseAddress!)
                                    binned.bins.withUnsafeBufferPointer { binsBuf in
                                        Parallel.forEach(count: workerCount) { worker in
                                          for c in stride(from: worker, to: k, by: workerCount) {
                                            let g = gp.base + c * n, h = hp.base + c * n
                                            let rows = config.gossTopRate.map { goss(bag, g, h, $0, round, c) } ?? bag
                                            let features = drawFeatures(round: round, output: c)
                                            var ws = wsOut[worker]
                                            wsOut[worker] = TreeGrower.Workspace()
                                            let result = grower.grow(grad: g, hess: h, rows: rows, features: features, workspace: &ws)
                                            let tree = result.tree
                                            for (node, range) in result.leafRanges {
                                                let v = tree.value[node]
                                                for i in range { sOut[c * n + Int(ws.rows[i])] += v }
                                            }
                                            if rows.count < n {
                                                // Rows outside this tree's sample are routed through the bin-space copy.
                                                var sampled = [Bool](repeating: false, count: n)
                                                for r in rows { sampled[Int(r)] = true }
                                                var others = [Int32]()
                                                others.reserveCapacity(n - rows.count)
                                                for r in 0..<n where !sampled[r] { others.append(Int32(r)) }
                                                result.binTree.addLeafValues(rows: others, values: tree.value, bins: binsBuf.baseAddress!,
                                                                             featureCount: binned.featureCount, into: sOut.base + c * n)
                                            }
                                            wsOut[worker] = ws
                                            if let v = validation {
                                                v.features.values.withUnsafeBufferPointer { xb in
                                                    for r in 0..<vn {
                                                        vOut[c * vn + r] += tree.value[tree.leaf(for: xb.baseAddress! + r * v.features.columnCount)]
                                                    }
                                                }
                                            }
                                            treesOut[c] = tree
                                          }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            trees.append(contentsOf: roundTrees)
            if let v = validation {
                let loss = objective.loss(scores: vScores, targets: v.targets)
                if loss < bestLoss - 1e-12 {
                    bestLoss = loss
                    bestRounds = round + 1
                    sinceBest = 0
                } else {
                    sinceBest += 1
                    if let stop = config.earlyStoppingRounds, sinceBest >= stop { break }
                }
            }
        }
        if validation != nil, config.earlyStoppingRounds != nil, bestRounds > 0 {
            trees = Array(trees.prefix(bestRounds * k))
        }
        return BoostedTreesModel(objective: config.objective, featureNames: data.columnNames,
                                 categoricalColumns: data.categoricalColumns, initialScores: initial, trees: trees)
    }

    private func fillGradients(_ objective: any BoostingObjective, _ scores: [Double], _ grad: inout [Double],
                               _ hess: inout [Double], _ n: Int) {
        scores.withUnsafeBufferPointer { s in
            targets.withUnsafeBufferPointer { t in
                grad.withUnsafeMutableBufferPointer { g in
                    hess.withUnsafeMutableBufferPointer { h in
                        let gp = SharedBuffer(g.baseAddress!), hp = SharedBuffer(h.baseAddress!)
                        let sp = s.baseAddress!, tp = t.baseAddress!
                        Parallel.forEachChunk(count: n, minChunk: 4096) { range in
                            objective.fillGradients(scores: sp, targets: tp, rowCount: n, range: range,
                                                    grad: gp.base, hess: hp.base)
                        }
                    }
                }
            }
        }
    }

    /// GOSS for one tree: rows with |g| at or above the top-rate quantile, plus a seeded Bernoulli sample of
    /// the rest whose gradients and hessians are scaled by 1/p so sums stay unbiased. The quantile comes from
    /// a 1024-bucket histogram of |g| (linear time; a slightly larger top set on ties is harmless).
    private func goss(_ bag: [Int32], _ g: UnsafeMutablePointer<Double>, _ h: UnsafeMutablePointer<Double>,
                      _ topRate: Double, _ round: Int, _ output: Int) -> [Int32] {
        var maxAbs = 0.0
        for r in bag { maxAbs = max(maxAbs, abs(g[Int(r)])) }
        if maxAbs == 0 { return bag }
        let buckets = 1024
        var counts = [Int](repeating: 0, count: buckets)
        let scale = Double(buckets - 1) / maxAbs
        for r in bag { counts[Int(abs(g[Int(r)]) * scale)] += 1 }
        let wanted = Int(Double(bag.count) * topRate)
        var cum = 0
        var cut = buckets - 1
        while cut > 0 && cum + counts[cut] < wanted { cum += counts[cut]; cut -= 1 }
        let threshold = Double(cut) / scale
        let p = config.gossOtherRate / (1 - topRate)
        let weight = 1 / p
        var rng = SeededGenerator(seed: SeededGenerator.derive(config.seed, 3 + UInt64(output), UInt64(round)))
        var rows = [Int32]()
        rows.reserveCapacity(Int(Double(bag.count) * (topRate + config.gossOtherRate) * 1.2) + 16)
        for r in bag {
            let i = Int(r)
            if abs(g[i]) >= threshold {
                rows.append(r)
            } else if rng.nextUnit() < p {
                g[i] *= weight
                h[i] *= weight
                rows.append(r)
            }
        }
        return rows
    }

    /// Rows used this round: all, or an exact seeded fraction drawn without replacement.
    private func drawBag(round: Int, n: Int) -> [Int32] {
        if config.rowSubsample >= 1 { return (0..<n).map { Int32($0) } }
        var rng = SeededGenerator(seed: SeededGenerator.derive(config.seed, 1, UInt64(round)))
        var bag = [Int32]()
        bag.reserveCapacity(Int(Double(n) * config.rowSubsample) + 16)
        for r in 0..<n where rng.nextUnit() < config.rowSubsample { bag.append(Int32(r)) }
        if bag.isEmpty { bag.append(Int32(rng.nextInt(n))) }
        return bag
    }

    /// Features for one tree, seeded by (round, output) so parallel growth is reproducible.
    private func drawFeatures(round: Int, output: Int) -> [Int] {
        let f = data.columnCount
        if config.featureSubsample >= 1 { return Array(0..<f) }
        var rng = SeededGenerator(seed: SeededGenerator.derive(config.seed, 2 + UInt64(output), UInt64(round)))
        var all = Array(0..<f)
        rng.shuffle(&all)
        let m = max(1, Int((Double(f) * config.featureSubsample).rounded()))
        return Array(all.prefix(m)).sorted()
    }
}
