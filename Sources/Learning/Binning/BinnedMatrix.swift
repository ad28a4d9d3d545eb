/// Row-major bin codes (one byte per value): a row's bins share a cache line, so one pass over a node's
/// rows fills every feature's histogram at once.
struct BinnedMatrix: Sendable {
    let rowCount: Int
    let featureCount: Int
    /// bins[r * featureCount + f]
    let bins: [UInt8]

    init(_ x: FeatureMatrix, binnings: [FeatureBinning]) {
        precondition(binnings.count == x.columnCount)
        rowCount = x.rowCount
        featureCount = x.columnCount
        let f = x.columnCount
        var out = [UInt8](repeating: 0, count: max(1, x.rowCount * f))
        out.withUnsafeMutableBufferPointer { buf in
            let shared = SharedBuffer(buf.baseAddress!)
            Parallel.forEachChunk(count: x.rowCount, minChunk: 4096) { range in
                for r in range {
                    for c in 0..<f { shared[r * f + c] = UInt8(binnings[c].bin(x.values[r * f + c])) }
                }
            }
        }
        bins = out
    }

    init(rowCount: Int, featureCount: Int, bins: [UInt8]) {
        self.rowCount = rowCount
        self.featureCount = featureCount
        self.bins = bins
    }

    @inline(__always) func bin(row: Int, feature: Int) -> Int { Int(bins[row * featureCount + feature]) }
}
