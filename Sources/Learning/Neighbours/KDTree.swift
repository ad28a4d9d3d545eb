/// Exact k-d tree for low-dimensional euclidean search. Splits the widest dimension at the median;
/// a subtree is skipped only when the splitting plane is farther than the current k-th neighbour,
/// so results are exact.
struct KDTree: Sendable {
    struct Node: Sendable {
        var begin: Int32
        var end: Int32
        /// Split dimension, or -1 for a leaf.
        var dim: Int32
        var left: Int32
        var right: Int32
        var split: Double
    }

    let dimension: Int
    /// Points reordered so every node owns a contiguous range.
    let points: [Double]
    /// Original row of each reordered point.
    let ids: [Int32]
    let nodes: [Node]
    static let leafSize = 24

    init(data: [Double], rows n: Int, dimension d: Int) {
        dimension = d
        var order = (0..<n).map { Int32($0) }
        var nodes = [Node]()
        func build(_ begin: Int, _ end: Int) -> Int {
            let id = nodes.count
            nodes.append(Node(begin: Int32(begin), end: Int32(end), dim: -1, left: -1, right: -1, split: 0))
            if end - begin <= Self.leafSize { return id }
            var bestDim = 0
            var bestSpread = -1.0
            for j in 0..<d {
                var lo = Double.infinity, hi = -Double.infinity
                for i in begin..<end { let v = data[Int(order[i]) * d + j]; lo = min(lo, v); hi = max(hi, v) }
                if hi - lo > bestSpread { bestSpread = hi - lo; bestDim = j }
            }
            if bestSpread <= 0 { return id } // all points identical: keep as one leaf
            order[begin..<end].sort { (data[Int($0) * d + bestDim], $0) < (data[Int($1) * d + bestDim], $1) }
            let mid = (begin + end) / 2
            let split = data[Int(order[mid]) * d + bestDim]
            let l = build(begin, mid)
            let r = build(mid, end)
            nodes[id].dim = Int32(bestDim)
            nodes[id].split = split
            nodes[id].left = Int32(l)
            nodes[id].right = Int32(r)
            return id
        }
        if n > 0 { _ = build(0, n) }
        var pts = [Double](repeating: 0, count: n * d)
        for (i, r) in order.enumerated() { for j in 0..<d { pts[i * d + j] = data[Int(r) * d + j] } }
        points = pts
        ids = order
        self.nodes = nodes
    }

    /// Adds the points nearest to `q` into `heap` (squared euclidean scores), skipping row `exclude`.
    func search(_ q: UnsafePointer<Double>, exclude: Int, heap: inout TopK) {
        var offsets = [Double](repeating: 0, count: dimension)
        points.withUnsafeBufferPointer { pb in
            nodes.withUnsafeBufferPointer { nb in
                ids.withUnsafeBufferPointer { ib in
                    offsets.withUnsafeMutableBufferPointer { ob in
                        visit(0, 0, q, exclude, &heap, pb.baseAddress!, nb.baseAddress!, ib.baseAddress!, ob.baseAddress!)
                    }
                }
            }
        }
    }

    /// `rd` is the squared distance from q to the node's cell, kept incrementally per dimension through
    /// `offsets` (Arya & Mount), which prunes far better than the distance to the last splitting plane alone.
    private func visit(_ n: Int, _ rd: Double, _ q: UnsafePointer<Double>, _ exclude: Int, _ heap: inout TopK,
                       _ pts: UnsafePointer<Double>, _ nodes: UnsafePointer<Node>, _ ids: UnsafePointer<Int32>,
                       _ offsets: UnsafeMutablePointer<Double>) {
        let node = nodes[n]
        let d = dimension
        if node.dim < 0 {
            for i in Int(node.begin)..<Int(node.end) {
                let p = pts + i * d
                var s = 0.0
                for j in 0..<d { let t = q[j] - p[j]; s += t * t }
                let id = Int(ids[i])
                if id != exclude && heap.accepts(score: s, index: id) { heap.insert(score: s, index: id) }
            }
            return
        }
        let dim = Int(node.dim)
        let diff = q[dim] - node.split
        let (near, far) = diff < 0 ? (node.left, node.right) : (node.right, node.left)
        visit(Int(near), rd, q, exclude, &heap, pts, nodes, ids, offsets)
        let old = offsets[dim]
        let farRd = rd - old * old + diff * diff
        if farRd <= heap.worst {
            offsets[dim] = diff
            visit(Int(far), farRd, q, exclude, &heap, pts, nodes, ids, offsets)
            offsets[dim] = old
        }
    }
}
