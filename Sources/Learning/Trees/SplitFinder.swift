/// Gradient statistics of a set of rows.
struct NodeStats: Sendable, Equatable {
    var g: Double
    var h: Double
    var c: Double
    static let zero = NodeStats(g: 0, h: 0, c: 0)
    static func + (a: NodeStats, b: NodeStats) -> NodeStats { NodeStats(g: a.g + b.g, h: a.h + b.h, c: a.c + b.c) }
    static func - (a: NodeStats, b: NodeStats) -> NodeStats { NodeStats(g: a.g - b.g, h: a.h - b.h, c: a.c - b.c) }
}

/// Regularisation and constraints shared by split finding and leaf values.
struct SplitParameters: Sendable {
    var l2: Double
    var minRowsPerLeaf: Int
    var minHessianPerLeaf: Double
    var minSplitGain: Double
    /// Cap on |leaf value| before the learning rate; 0 disables it.
    var maxDeltaStep: Double
    /// Added to the hessian when ordering categories by gradient/hessian, so rare categories do not dominate.
    var categoricalSmoothing: Double
    /// Extra L2 for categorical splits, which can otherwise overfit by cherry-picking categories.
    var categoricalL2: Double
}

/// The best split of one node on one feature.
struct SplitCandidate: Sendable {
    var feature: Int
    var gain: Double
    var isCategorical: Bool
    /// Numeric: value bins <= thresholdBin go left.
    var thresholdBin: Int
    /// Categorical: value bins that go left.
    var leftBins: [Int]
    /// Where the missing bin goes.
    var defaultLeft: Bool
    var left: NodeStats
    var right: NodeStats
}

enum SplitFinder {
    /// Newton leaf value -G/(H+lambda), clipped to the max delta step when one is set.
    @inline(__always)
    static func leafValue(_ s: NodeStats, l2: Double, maxDeltaStep: Double) -> Double {
        var w = -s.g / (s.h + l2)
        if maxDeltaStep > 0 { w = min(max(w, -maxDeltaStep), maxDeltaStep) }
        return w
    }

    /// Loss reduction achieved by a leaf with its (possibly clipped) optimal value: -(2Gw + (H+lambda)w^2).
    /// Without clipping this is G^2/(H+lambda).
    @inline(__always)
    static func leafScore(_ s: NodeStats, l2: Double, maxDeltaStep: Double) -> Double {
        let hl = s.h + l2
        // Unclipped when |G| / (H + lambda) is within the cap: the usual G^2 / (H + lambda).
        if maxDeltaStep <= 0 || abs(s.g) <= maxDeltaStep * hl { return s.g * s.g / hl }
        let w = s.g > 0 ? -maxDeltaStep : maxDeltaStep
        return -(2 * s.g * w + hl * w * w)
    }

    /// leafScore(l) + leafScore(r) with one division when neither side is clipped (the common case:
    /// split scans evaluate this for every bin, and divisions dominate the scan).
    @inline(__always)
    static func splitScore(_ l: NodeStats, _ r: NodeStats, l2: Double, maxDeltaStep: Double) -> Double {
        let hl = l.h + l2, hr = r.h + l2
        if maxDeltaStep <= 0 || (abs(l.g) <= maxDeltaStep * hl && abs(r.g) <= maxDeltaStep * hr) {
            return (l.g * l.g * hr + r.g * r.g * hl) / (hl * hr)
        }
        return leafScore(l, l2: l2, maxDeltaStep: maxDeltaStep) + leafScore(r, l2: l2, maxDeltaStep: maxDeltaStep)
    }

    @inline(__always)
    static func admissible(_ l: NodeStats, _ r: NodeStats, _ p: SplitParameters) -> Bool {
        l.c >= Double(p.minRowsPerLeaf) && r.c >= Double(p.minRowsPerLeaf)
            && l.h >= p.minHessianPerLeaf && r.h >= p.minHessianPerLeaf
    }

    /// Best split of one feature given its histogram slice `hist` (triples per bin, missing bin last).
    static func bestSplit(feature: Int, binning: FeatureBinning, hist: UnsafePointer<Double>,
                          parent: NodeStats, params: SplitParameters) -> SplitCandidate? {
        binning.isCategorical
            ? bestCategorical(feature: feature, binning: binning, hist: hist, parent: parent, params: params)
            : bestNumeric(feature: feature, binning: binning, hist: hist, parent: parent, params: params)
    }

    static func stats(_ hist: UnsafePointer<Double>, _ b: Int) -> NodeStats {
        NodeStats(g: hist[3 * b], h: hist[3 * b + 1], c: hist[3 * b + 2])
    }

    static func bestNumeric(feature: Int, binning: FeatureBinning, hist: UnsafePointer<Double>,
                            parent: NodeStats, params: SplitParameters) -> SplitCandidate? {
        let v = binning.valueBinCount
        let missing = stats(hist, binning.missingBin)
        let hasMissing = missing.c > 0
        let l2 = params.l2, mds = params.maxDeltaStep
        let parentScore = leafScore(parent, l2: l2, maxDeltaStep: mds)
        // The scan keeps only scalars; the candidate is built once at the end (building it per improvement
        // spilled the loop's registers and cost a fifth of a popularity fit).
        var bestGain = params.minSplitGain
        var bestT = -1, bestDefaultLeft = false
        var bestL = NodeStats.zero, bestR = NodeStats.zero
        var cum = NodeStats.zero
        for t in 0..<v {
            let s = stats(hist, t)
            // An empty bin leaves the partition unchanged: same gain as the previous threshold.
            if s.c == 0 && t > 0 && t < v - 1 { continue }
            cum = cum + s
            // Missing goes right (also covers "all values left, missing right" at t == v-1).
            if t < v - 1 || hasMissing {
                let l = cum, r = parent - cum
                if admissible(l, r, params) {
                    let gain = splitScore(l, r, l2: l2, maxDeltaStep: mds) - parentScore
                    if gain > bestGain + 1e-12 {
                        bestGain = gain; bestT = t; bestL = l; bestR = r
                        // Without missing rows in training, unseen NaNs follow the bigger side.
                        bestDefaultLeft = hasMissing ? false : l.c >= r.c
                    }
                }
            }
            if hasMissing && t < v - 1 {
                let l = cum + missing, r = parent - cum - missing
                if admissible(l, r, params) {
                    let gain = splitScore(l, r, l2: l2, maxDeltaStep: mds) - parentScore
                    if gain > bestGain + 1e-12 { bestGain = gain; bestT = t; bestL = l; bestR = r; bestDefaultLeft = true }
                }
            }
        }
        if bestT < 0 { return nil }
        return SplitCandidate(feature: feature, gain: bestGain, isCategorical: false, thresholdBin: bestT,
                              leftBins: [], defaultLeft: bestDefaultLeft, left: bestL, right: bestR)
    }

    /// LightGBM-style: order the present categories by G/(H+smoothing) and take the best prefix as the left set.
    static func bestCategorical(feature: Int, binning: FeatureBinning, hist: UnsafePointer<Double>,
                                parent: NodeStats, params: SplitParameters) -> SplitCandidate? {
        let missing = stats(hist, binning.missingBin)
        let hasMissing = missing.c > 0
        var present = [(bin: Int, ratio: Double)]()
        for b in 0..<binning.valueBinCount {
            let s = stats(hist, b)
            if s.c > 0 { present.append((b, s.g / (s.h + params.categoricalSmoothing))) }
        }
        if present.isEmpty { return nil }
        present.sort { $0.ratio != $1.ratio ? $0.ratio < $1.ratio : $0.bin < $1.bin }
        let l2 = params.l2 + params.categoricalL2, mds = params.maxDeltaStep
        let parentScore = leafScore(parent, l2: l2, maxDeltaStep: mds)
        var bestGain = params.minSplitGain
        var bestK = -1
        var bestDefaultLeft = false
        var bestL = NodeStats.zero, bestR = NodeStats.zero
        var cum = NodeStats.zero
        let m = present.count
        for k in 1...m {
            cum = cum + stats(hist, present[k - 1].bin)
            if k < m || hasMissing {
                let l = cum, r = parent - cum
                if admissible(l, r, params) {
                    let gain = splitScore(l, r, l2: l2, maxDeltaStep: mds) - parentScore
                    if gain > bestGain + 1e-12 {
                        bestGain = gain; bestK = k; bestL = l; bestR = r
                        bestDefaultLeft = hasMissing ? false : l.c >= r.c
                    }
                }
            }
            if hasMissing && k < m {
                let l = cum + missing, r = parent - cum - missing
                if admissible(l, r, params) {
                    let gain = splitScore(l, r, l2: l2, maxDeltaStep: mds) - parentScore
                    if gain > bestGain + 1e-12 {
                        bestGain = gain; bestK = k; bestL = l; bestR = r
                        bestDefaultLeft = true
                    }
                }
            }
        }
        if bestK < 0 { return nil }
        let leftBins = present.prefix(bestK).map { $0.bin }.sorted()
        return SplitCandidate(feature: feature, gain: bestGain, isCategorical: true, thresholdBin: -1,
                              leftBins: leftBins, defaultLeft: bestDefaultLeft, left: bestL, right: bestR)
    }
}
