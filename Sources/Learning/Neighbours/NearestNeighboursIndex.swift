/// A fitted index. Distances are computed as ||a||^2 + ||b||^2 - 2 a.b over blocks of reference rows
/// stored transposed, so the inner loop is a vectorisable multiply-add across many references.
public struct NearestNeighboursIndex: Sendable {
    public let metric: NearestNeighbours.Metric
    public let rowCount: Int
    public let dimension: Int
    /// Row-major data (normalised for cosine).
    let data: [Double]
    let norms: [Double]
    /// Reference blocks transposed: block b holds dimension j of row (b*blockSize + i) at [b*blockSize*d + j*blockSize + i].
    let transposed: [Double]
    static let blockSize = 256
    /// Low-dimensional data also gets a k-d tree, which prunes most distance computations.
    let kdTree: KDTree?
    static let kdTreeMaxDimension = 16

    init(_ x: FeatureMatrix, metric: NearestNeighbours.Metric) {
        self.metric = metric
        rowCount = x.rowCount
        dimension = x.columnCount
        let n = x.rowCount, d = x.columnCount
        var v = x.values
        if metric == .cosine {
            for r in 0..<n {
                var s = 0.0
                for j in 0..<d { s += v[r * d + j] * v[r * d + j] }
                let norm = s.squareRoot()
                if norm > 0 { for j in 0..<d { v[r * d + j] /= norm } }
            }
        }
        data = v
        norms = (0..<n).map { r in (0..<d).reduce(0.0) { $0 + v[r * d + $1] * v[r * d + $1] } }
        let bs = Self.blockSize
        let blocks = (n + bs - 1) / bs
        var t = [Double](repeating: 0, count: blocks * bs * d)
        for r in 0..<n {
            let b = r / bs, i = r % bs
            for j in 0..<d { t[b * bs * d + j * bs + i] = v[r * d + j] }
        }
        transposed = t
        // Cosine on unit vectors is a monotone function of euclidean distance, so the tree serves both;
        // zero rows (distance 1 to everything) break that, so they keep the brute-force path.
        let usable = d <= Self.kdTreeMaxDimension && (metric == .euclidean || !norms.contains(0))
        kdTree = usable ? KDTree(data: v, rows: n, dimension: d) : nil
    }

    /// Distance as reported to callers, from the squared-euclidean (or dot-product) score.
    @inline(__always) func finish(_ sq: Double, zeroQuery: Bool, ref: Int) -> Double {
        switch metric {
        case .euclidean: return max(0, sq).squareRoot()
        case .cosine:
            // For unit vectors ||a-b||^2 = 2 - 2cos; zero rows are at distance 1.
            if zeroQuery || norms[ref] == 0 { return 1 }
            return max(0, sq) / 2
        }
    }

    /// The k nearest fitted rows to one query point.
    public func query(_ point: [Double], k: Int) throws -> [Neighbour] {
        guard point.count == dimension else {
            throw LearningError.invalidShape("query has \(point.count) values, index has \(dimension) dimensions")
        }
        guard k >= 1 else { throw LearningError.invalidArgument("k must be >= 1") }
        var q = point
        var qn = q.reduce(0) { $0 + $1 * $1 }
        if metric == .cosine && qn > 0 {
            let norm = qn.squareRoot()
            q = q.map { $0 / norm }
            qn = 1
        }
        var heap = TopK(k: min(k, rowCount))
        q.withUnsafeBufferPointer { qb in
            scan(query: qb.baseAddress!, queryNorm: qn, exclude: -1, refs: 0..<rowCount, into: &heap)
        }
        return heap.sorted().map { Neighbour(index: $0.index, distance: finish($0.score, zeroQuery: qn == 0, ref: $0.index)) }
    }

    /// The k nearest fitted rows of every row of `queries`, in parallel (k-d tree when available).
    public func query(_ queries: FeatureMatrix, k: Int) throws -> NeighbourTable {
        guard queries.columnCount == dimension else {
            throw LearningError.invalidShape("queries have \(queries.columnCount) columns, index has \(dimension) dimensions")
        }
        guard k >= 1, k <= rowCount else { throw LearningError.invalidArgument("k must be in 1...\(rowCount)") }
        guard !queries.values.contains(where: { !$0.isFinite }) else {
            throw LearningError.invalidArgument("queries need finite values")
        }
        let m = queries.rowCount, d = dimension
        var indices = [Int32](repeating: 0, count: m * k)
        var distances = [Double](repeating: 0, count: m * k)
        indices.withUnsafeMutableBufferPointer { ib in
            distances.withUnsafeMutableBufferPointer { db in
                let iOut = SharedBuffer(ib.baseAddress!), dOut = SharedBuffer(db.baseAddress!)
                Parallel.forEachFixedChunk(count: m, chunkSize: 256) { _, range in
                    var q = [Double](repeating: 0, count: d)
                    for r in range {
                        for j in 0..<d { q[j] = queries[r, j] }
                        var qn = q.reduce(0) { $0 + $1 * $1 }
                        if metric == .cosine && qn > 0 {
                            let norm = qn.squareRoot()
                            for j in 0..<d { q[j] /= norm }
                            qn = 1
                        }
                        var heap = TopK(k: k)
                        q.withUnsafeBufferPointer { qb in
                            if let tree = kdTree, !(metric == .cosine && qn == 0) {
                                tree.search(qb.baseAddress!, exclude: -1, heap: &heap)
                            } else {
                                scan(query: qb.baseAddress!, queryNorm: qn, exclude: -1, refs: 0..<rowCount, into: &heap)
                            }
                        }
                        for (j, it) in heap.sorted().enumerated() {
                            iOut[r * k + j] = Int32(it.index)
                            dOut[r * k + j] = finish(it.score, zeroQuery: qn == 0, ref: it.index)
                        }
                    }
                }
            }
        }
        return NeighbourTable(k: k, indices: indices, distances: distances)
    }

    /// The k nearest other rows of every fitted row (a row is never its own neighbour), in parallel.
    public func allNeighbours(k: Int) throws -> NeighbourTable {
        guard k >= 1, k < rowCount else { throw LearningError.invalidArgument("k must be in 1..<\(rowCount)") }
        let n = rowCount
        var indices = [Int32](repeating: 0, count: n * k)
        var distances = [Double](repeating: 0, count: n * k)
        // Queries in groups of 16 reuse each cached reference block 16 times.
        let group = 16
        indices.withUnsafeMutableBufferPointer { ib in
            distances.withUnsafeMutableBufferPointer { db in
                let iOut = SharedBuffer(ib.baseAddress!), dOut = SharedBuffer(db.baseAddress!)
                data.withUnsafeBufferPointer { xb in
                    if let tree = kdTree {
                        // Queries in tree order: neighbouring queries touch the same cells, which stay in cache.
                        Parallel.forEachFixedChunk(count: n, chunkSize: 256) { _, range in
                            for position in range {
                                let q = Int(tree.ids[position])
                                var heap = TopK(k: k)
                                tree.search(xb.baseAddress! + q * dimension, exclude: q, heap: &heap)
                                for (j, it) in heap.sorted().enumerated() {
                                    iOut[q * k + j] = Int32(it.index)
                                    dOut[q * k + j] = finish(it.score, zeroQuery: false, ref: it.index)
                                }
                            }
                        }
                        return
                    }
                    Parallel.forEachFixedChunk(count: n, chunkSize: 512) { _, range in
                        var heaps = [TopK](repeating: TopK(k: k), count: group)
                        var start = range.lowerBound
                        while start < range.upperBound {
                            let end = min(range.upperBound, start + group)
                            for g in 0..<(end - start) { heaps[g] = TopK(k: k) }
                            scanGroup(queries: start..<end, base: xb.baseAddress!, heaps: &heaps)
                            for q in start..<end {
                                let items = heaps[q - start].sorted()
                                for (j, it) in items.enumerated() {
                                    iOut[q * k + j] = Int32(it.index)
                                    dOut[q * k + j] = finish(it.score, zeroQuery: norms[q] == 0, ref: it.index)
                                }
                            }
                            start = end
                        }
                    }
                }
            }
        }
        return NeighbourTable(k: k, indices: indices, distances: distances)
    }

    /// Scores one query against a range of reference rows block by block.
    func scan(query: UnsafePointer<Double>, queryNorm: Double, exclude: Int, refs: Range<Int>, into heap: inout TopK) {
        let d = dimension, bs = Self.blockSize
        var dots = [Double](repeating: 0, count: bs)
        transposed.withUnsafeBufferPointer { tb in
            dots.withUnsafeMutableBufferPointer { acc in
                var b = 0
                while b * bs < rowCount {
                    let count = min(bs, rowCount - b * bs)
                    let block = tb.baseAddress! + b * bs * d
                    for i in 0..<count { acc[i] = 0 }
                    for j in 0..<d {
                        let qj = query[j]
                        let col = block + j * bs
                        for i in 0..<count { acc[i] += qj * col[i] }
                    }
                    for i in 0..<count {
                        let r = b * bs + i
                        if r == exclude { continue }
                        let s = queryNorm + norms[r] - 2 * acc[i]
                        if s <= heap.worst { heap.insert(score: s, index: r) }
                    }
                    b += 1
                }
            }
        }
    }

    /// Several queries against all references, sharing each reference block while it is in cache.
    func scanGroup(queries: Range<Int>, base: UnsafePointer<Double>, heaps: inout [TopK]) {
        let d = dimension, bs = Self.blockSize
        let g = queries.count
        var dots = [Double](repeating: 0, count: bs * g)
        transposed.withUnsafeBufferPointer { tb in
            dots.withUnsafeMutableBufferPointer { acc in
                norms.withUnsafeBufferPointer { nb in
                    var b = 0
                    while b * bs < rowCount {
                        let count = min(bs, rowCount - b * bs)
                        let block = tb.baseAddress! + b * bs * d
                        for qi in 0..<g {
                            let q = base + (queries.lowerBound + qi) * d
                            let a = acc.baseAddress! + qi * bs
                            for i in 0..<count { a[i] = 0 }
                            for j in 0..<d {
                                let qj = q[j]
                                let col = block + j * bs
                                for i in 0..<count { a[i] += qj * col[i] }
                            }
                            let qr = queries.lowerBound + qi
                            let qn = nb[qr]
                            var worst = heaps[qi].worst
                            for i in 0..<count {
                                let s = qn + nb[b * bs + i] - 2 * a[i]
                                if s <= worst {
                                    let r = b * bs + i
                                    if r == qr { continue }
                                    heaps[qi].insert(score: s, index: r)
                                    worst = heaps[qi].worst
                                }
                            }
                        }
                        b += 1
                    }
                }
            }
        }
    }
}
