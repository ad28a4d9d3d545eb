/// The one top-k rule of the recommendation engine: the best `count`, and at the boundary ties in a stated order,
/// so that every path that ranks gives the same list.
enum TopK {
    /// The indices of the `count` smallest values: those below the `count`-th smallest, then `remaining` of those
    /// equal to it (`tied`, in index order; the caller takes them in its own tie order).
    static func smallest(_ values: [Double], count: Int) -> (below: [Int], tied: [Int], remaining: Int) {
        guard count < values.count else { return (Array(values.indices), [], 0) }
        guard count > 0 else { return ([], [], 0) }
        let threshold = select(values, rank: count - 1)
        let below = values.indices.filter { values[$0] < threshold }
        return (below, values.indices.filter { values[$0] == threshold }, count - below.count)
    }

    /// The indices of the `count` smallest values, ties in index order.
    static func smallestIndices(_ values: [Double], count: Int) -> [Int] {
        let (below, tied, remaining) = smallest(values, count: count)
        return below + tied.prefix(remaining)
    }

    /// The `count` largest values of a map, ties by key ascending, largest first.
    static func largest<Key: Comparable>(_ values: [Key: Double], count: Int) -> [(key: Key, value: Double)] {
        Array(values.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(count))
    }

    /// `values.sorted()[rank]`, by selection (quickselect with a middle pivot) rather than sorting 100,000 values.
    static func select(_ values: [Double], rank: Int) -> Double {
        var a = values, low = 0, high = a.count - 1
        while low < high {
            let pivot = a[(low + high) / 2]
            var i = low, j = high
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if rank <= j { high = j } else if rank >= i { low = i } else { return a[rank] }
        }
        return a[rank]
    }
}
