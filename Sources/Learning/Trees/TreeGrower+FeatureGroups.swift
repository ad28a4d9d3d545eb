/// The children of a split searched over feature groups concurrently. Each bin still sums its rows in row
/// order and each group keeps its first best feature, combined in feature order, so the trees are the same
/// bit for bit as the one serial pass (TreeGrowerTests.featureGroupsGrowTheSameTrees).
extension TreeGrower {
    /// Contiguous runs of `features`, at most `featureGroupCount`, of about equal bin count.
    func featureGroups(_ features: [Int]) -> [ArraySlice<Int>] {
        let wanted = min(featureGroupCount, features.count)
        if wanted <= 1 { return [features[...]] }
        let total = features.reduce(0) { $0 + layout.binCounts[$1] }
        var groups = [ArraySlice<Int>]()
        var start = 0, filled = 0
        for (i, f) in features.enumerated() {
            filled += layout.binCounts[f]
            if groups.count < wanted - 1, i + 1 < features.count, filled * wanted >= total * (groups.count + 1) {
                groups.append(features[start...i])
                start = i + 1
            }
        }
        groups.append(features[start...])
        return groups
    }

    /// Fills the smaller child's histogram from rows[begin..<end], turns `larger` (the parent's) into the larger
    /// child's, and returns each child's best split (nil where the child may not split).
    func searchChildren(small: inout FeatureHistogram, larger: inout FeatureHistogram, rows: [Int32],
                        _ begin: Int, _ end: Int, _ grad: UnsafePointer<Double>, _ hess: UnsafePointer<Double>,
                        _ groups: [ArraySlice<Int>], _ children: (small: OpenLeaf, larger: OpenLeaf))
        -> (small: SplitCandidate?, larger: SplitCandidate?) {
        // Big nodes keep their row-chunked build, whose summation order the trees already depend on.
        let prebuilt = end - begin >= FeatureHistogram.parallelRowThreshold
        if prebuilt {
            rows.withUnsafeBufferPointer { all in
                small.build(binned: binned, layout: layout, features: Array(groups.joined()),
                            rows: UnsafeBufferPointer(rebasing: all[begin..<end]), grad: grad, hess: hess, parallel: parallelFeatures)
            }
        }
        let searchSmall = canSplit(children.small), searchLarger = canSplit(children.larger)
        var found = [(small: SplitCandidate?, larger: SplitCandidate?)](repeating: (nil, nil), count: groups.count)
        small.data.withUnsafeMutableBufferPointer { sb in
            larger.data.withUnsafeMutableBufferPointer { lb in
                rows.withUnsafeBufferPointer { all in
                    found.withUnsafeMutableBufferPointer { fb in
                        let s = SharedBuffer(sb.baseAddress!), l = SharedBuffer(lb.baseAddress!), out = SharedBuffer(fb.baseAddress!)
                        let slice = UnsafeBufferPointer(rebasing: all[begin..<end])
                        Parallel.forEach(count: groups.count) { g in
                            let features = Array(groups[g])
                            if !prebuilt {
                                FeatureHistogram.accumulate(into: s.base, binned: binned, layout: layout, features: features,
                                                            rows: slice, grad: grad, hess: hess)
                            }
                            FeatureHistogram.subtract(s.base, from: l.base, layout: layout, features: features)
                            out[g] = (searchSmall ? bestSplit(s.base, children.small.stats, features) : nil,
                                      searchLarger ? bestSplit(l.base, children.larger.stats, features) : nil)
                        }
                    }
                }
            }
        }
        var best: (small: SplitCandidate?, larger: SplitCandidate?) = (nil, nil)
        for f in found {
            if let c = f.small, c.gain > (best.small?.gain ?? -.infinity) { best.small = c }
            if let c = f.larger, c.gain > (best.larger?.gain ?? -.infinity) { best.larger = c }
        }
        return best
    }
}
