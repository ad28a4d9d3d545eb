/// Row indices of one train/test partition.
public struct SplitIndices: Sendable, Equatable {
    public let train: [Int]
    public let test: [Int]
}

/// Seeded, grouped splits: every row of a group lands on the same side, so duplicates of one
/// track never leak between train and test.
public enum DataSplitter {
    /// Grouped train/test split, optionally stratified by label. Each group is assigned the label of its
    /// first row; within each label stratum whole groups are drawn in seeded random order until the
    /// stratum's test share reaches `testFraction` of its rows.
    public static func trainTestSplit<Key: Hashable>(groups: [Key], stratifyBy labels: [Int]? = nil,
                                                    testFraction: Double, seed: UInt64) throws -> SplitIndices {
        guard testFraction > 0, testFraction < 1 else {
            throw LearningError.invalidArgument("testFraction must be in (0, 1), got \(testFraction)")
        }
        if let labels, labels.count != groups.count {
            throw LearningError.invalidShape("\(labels.count) labels for \(groups.count) group keys")
        }
        guard !groups.isEmpty else { throw LearningError.emptyInput("no rows to split") }
        let (members, _) = groupRows(groups)
        var strata = [Int: [Int]]() // label -> group ids
        for (g, rows) in members.enumerated() {
            strata[labels?[rows[0]] ?? 0, default: []].append(g)
        }
        var rng = SeededGenerator(seed: seed)
        var isTest = [Bool](repeating: false, count: members.count)
        for label in strata.keys.sorted() {
            var gs = strata[label]!
            rng.shuffle(&gs)
            let rowsInStratum = gs.reduce(0) { $0 + members[$1].count }
            let target = Double(rowsInStratum) * testFraction
            var taken = 0
            for g in gs {
                let size = members[g].count
                // Take the group if that brings the test count closer to the target.
                if abs(Double(taken + size) - target) < abs(Double(taken) - target) {
                    isTest[g] = true
                    taken += size
                }
            }
        }
        var train = [Int](), test = [Int]()
        for (g, rows) in members.enumerated() {
            if isTest[g] { test.append(contentsOf: rows) } else { train.append(contentsOf: rows) }
        }
        return SplitIndices(train: train.sorted(), test: test.sorted())
    }

    /// Grouped k-fold: groups are shuffled with the seed, then placed largest first into the currently
    /// smallest fold so folds have similar row counts. Returns one split per fold.
    public static func groupKFold<Key: Hashable>(groups: [Key], folds k: Int, seed: UInt64) throws -> [SplitIndices] {
        let (members, _) = groupRows(groups)
        guard k >= 2 else { throw LearningError.invalidArgument("k-fold needs at least 2 folds") }
        guard members.count >= k else {
            throw LearningError.notEnoughData("\(members.count) groups cannot fill \(k) folds")
        }
        var order = Array(0..<members.count)
        var rng = SeededGenerator(seed: seed)
        rng.shuffle(&order)
        // Stable sort by size keeps the seeded order among equal sizes.
        order = order.enumerated().sorted {
            members[$0.element].count != members[$1.element].count
                ? members[$0.element].count > members[$1.element].count : $0.offset < $1.offset
        }.map { $0.element }
        var foldOf = [Int](repeating: 0, count: members.count)
        var sizes = [Int](repeating: 0, count: k)
        for g in order {
            var best = 0
            for f in 1..<k where sizes[f] < sizes[best] { best = f }
            foldOf[g] = best
            sizes[best] += members[g].count
        }
        return (0..<k).map { f in
            var train = [Int](), test = [Int]()
            for (g, rows) in members.enumerated() {
                if foldOf[g] == f { test.append(contentsOf: rows) } else { train.append(contentsOf: rows) }
            }
            return SplitIndices(train: train.sorted(), test: test.sorted())
        }
    }

    /// Rows of each group in first-appearance order.
    static func groupRows<Key: Hashable>(_ groups: [Key]) -> ([[Int]], [Key: Int]) {
        var index = [Key: Int]()
        var members = [[Int]]()
        for (r, key) in groups.enumerated() {
            if let g = index[key] { members[g].append(r) } else {
                index[key] = members.count
                members.append([r])
            }
        }
        return (members, index)
    }
}
