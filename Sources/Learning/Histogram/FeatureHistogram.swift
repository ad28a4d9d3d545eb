/// Where each feature's bins live inside one flat histogram buffer.
struct HistogramLayout: Sendable {
    let offsets: [Int]
    let binCounts: [Int]
    let totalBins: Int

    init(binnings: [FeatureBinning]) {
        var off = [Int]()
        var total = 0
        for b in binnings {
            off.append(total)
            total += b.totalBinCount
        }
        offsets = off
        binCounts = binnings.map { $0.totalBinCount }
        totalBins = total
    }
}

/// Per-bin gradient sum, hessian sum and row count for every feature of one tree node, stored as
/// interleaved triples `[g, h, count]` so one bin's statistics share a cache line.
struct FeatureHistogram: Sendable {
    static let stride = 3
    /// Nodes with at least this many rows build their histogram in row chunks, one per worker.
    static let parallelRowThreshold = 16_384
    var data: [Double]

    init(layout: HistogramLayout) {
        data = [Double](repeating: 0, count: layout.totalBins * Self.stride)
    }

    init(data: [Double]) { self.data = data }

    /// Accumulates the rows' gradients into the bins of the given features in one row-wise pass.
    /// With `parallel`, row chunks fill private histograms that are then added in chunk order, so the
    /// result does not depend on thread scheduling.
    mutating func build(binned: BinnedMatrix, layout: HistogramLayout, features: [Int], rows: UnsafeBufferPointer<Int32>,
                        grad: UnsafePointer<Double>, hess: UnsafePointer<Double>, parallel: Bool) {
        let chunks = parallel && rows.count >= Self.parallelRowThreshold ? Parallel.workers : 1
        if chunks == 1 {
            data.withUnsafeMutableBufferPointer { hb in
                Self.accumulate(into: hb.baseAddress!, binned: binned, layout: layout, features: features,
                                rows: rows, grad: grad, hess: hess)
            }
            return
        }
        var parts = [FeatureHistogram](repeating: FeatureHistogram(data: [Double](repeating: 0, count: data.count)), count: chunks)
        parts.withUnsafeMutableBufferPointer { pb in
            let out = SharedBuffer(pb.baseAddress!)
            Parallel.forEach(count: chunks) { c in
                let lo = rows.count * c / chunks, hi = rows.count * (c + 1) / chunks
                var part = out[c]
                part.data.withUnsafeMutableBufferPointer { hb in
                    Self.accumulate(into: hb.baseAddress!, binned: binned, layout: layout, features: features,
                                    rows: UnsafeBufferPointer(rebasing: rows[lo..<hi]), grad: grad, hess: hess)
                }
                out[c] = part
            }
        }
        data = parts[0].data
        for c in 1..<chunks { add(parts[c], layout: layout, features: features) }
    }

    static func accumulate(into hist: UnsafeMutablePointer<Double>, binned: BinnedMatrix, layout: HistogramLayout,
                                   features: [Int], rows: UnsafeBufferPointer<Int32>,
                                   grad: UnsafePointer<Double>, hess: UnsafePointer<Double>) {
        let fc = binned.featureCount
        let offsets = features.map { layout.offsets[$0] }
        for f in features {
            let lo = layout.offsets[f] * Self.stride
            for i in lo..<(lo + layout.binCounts[f] * Self.stride) { hist[i] = 0 }
        }
        binned.bins.withUnsafeBufferPointer { bb in
            offsets.withUnsafeBufferPointer { ob in
                features.withUnsafeBufferPointer { fb in
                    let bins = bb.baseAddress!
                    let m = fb.count
                    for i in 0..<rows.count {
                        let r = Int(rows[i])
                        let g = grad[r], h = hess[r]
                        let rowBins = bins + r &* fc
                        for j in 0..<m {
                            let b = (ob[j] &+ Int(rowBins[fb[j]])) &* 3
                            hist[b] += g
                            hist[b &+ 1] += h
                            hist[b &+ 2] += 1
                        }
                    }
                }
            }
        }
    }

    /// self = self + other on the given features.
    mutating func add(_ other: FeatureHistogram, layout: HistogramLayout, features: [Int]) {
        data.withUnsafeMutableBufferPointer { a in
            other.data.withUnsafeBufferPointer { b in
                for f in features {
                    let lo = layout.offsets[f] * Self.stride
                    let hi = lo + layout.binCounts[f] * Self.stride
                    for i in lo..<hi { a[i] += b[i] }
                }
            }
        }
    }

    /// self = self - other on the given features: the sibling histogram without touching its rows.
    mutating func subtract(_ other: FeatureHistogram, layout: HistogramLayout, features: [Int]) {
        data.withUnsafeMutableBufferPointer { a in
            other.data.withUnsafeBufferPointer { b in
                Self.subtract(b.baseAddress!, from: a.baseAddress!, layout: layout, features: features)
            }
        }
    }

    static func subtract<Features: Collection<Int>>(_ b: UnsafePointer<Double>, from a: UnsafeMutablePointer<Double>,
                                                    layout: HistogramLayout, features: Features) {
        for f in features {
            let lo = layout.offsets[f] * Self.stride
            let hi = lo + layout.binCounts[f] * Self.stride
            for i in lo..<hi { a[i] -= b[i] }
        }
    }

    /// (gradient sum, hessian sum, count) of one bin.
    func bin(_ feature: Int, _ bin: Int, layout: HistogramLayout) -> (g: Double, h: Double, c: Double) {
        let i = (layout.offsets[feature] + bin) * Self.stride
        return (data[i], data[i + 1], data[i + 2])
    }
}
