/// Bounded sorted list of the k best items ordered by (score, index), so ties resolve to the lower row
/// whatever order candidates arrive in.
struct TopK {
    let k: Int
    var scores: [Double]
    var indices: [Int]
    var count = 0

    init(k: Int) {
        self.k = k
        scores = [Double](repeating: .infinity, count: k)
        indices = [Int](repeating: Int.max, count: k)
    }

    var worst: Double { count < k ? .infinity : scores[k - 1] }

    @inline(__always)
    func accepts(score: Double, index: Int) -> Bool {
        count < k || score < scores[k - 1] || (score == scores[k - 1] && index < indices[k - 1])
    }

    mutating func insert(score: Double, index: Int) {
        if !accepts(score: score, index: index) { return }
        var i = min(count, k - 1)
        while i > 0 && (scores[i - 1] > score || (scores[i - 1] == score && indices[i - 1] > index)) {
            scores[i] = scores[i - 1]
            indices[i] = indices[i - 1]
            i -= 1
        }
        scores[i] = score
        indices[i] = index
        if count < k { count += 1 }
    }

    func sorted() -> [(score: Double, index: Int)] {
        (0..<count).map { (scores[$0], indices[$0]) }
    }
}
