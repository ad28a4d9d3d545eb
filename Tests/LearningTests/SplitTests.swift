import Testing
@testable import Learning

@Suite struct SplitTests {
    /// 60 groups of 1-3 rows; label depends on the group.
    func data() -> (groups: [String], labels: [Int]) {
        var g = [String](), l = [Int]()
        for i in 0..<60 {
            for _ in 0..<(1 + i % 3) { g.append("t\(i)"); l.append(i % 2) }
        }
        return (g, l)
    }

    @Test func groupedSplitKeepsGroupsTogether() throws {
        let d = data()
        let s = try DataSplitter.trainTestSplit(groups: d.groups, stratifyBy: d.labels, testFraction: 0.2, seed: 11)
        #expect(Set(s.train).isDisjoint(with: Set(s.test)))
        #expect(s.train.count + s.test.count == d.groups.count)
        let trainGroups = Set(s.train.map { d.groups[$0] }), testGroups = Set(s.test.map { d.groups[$0] })
        #expect(trainGroups.isDisjoint(with: testGroups))
        // 120 rows, 60 per label: each stratum's test share lands near 12 rows.
        for label in 0...1 {
            let n = s.test.filter { d.labels[$0] == label }.count
            #expect(n >= 10 && n <= 14, "label \(label) has \(n) test rows")
        }
    }

    @Test func splitIsSeeded() throws {
        let d = data()
        let a = try DataSplitter.trainTestSplit(groups: d.groups, testFraction: 0.3, seed: 5)
        let b = try DataSplitter.trainTestSplit(groups: d.groups, testFraction: 0.3, seed: 5)
        let c = try DataSplitter.trainTestSplit(groups: d.groups, testFraction: 0.3, seed: 6)
        #expect(a == b)
        #expect(a != c)
    }

    @Test func groupKFoldCoversEveryRowOnce() throws {
        let d = data()
        let folds = try DataSplitter.groupKFold(groups: d.groups, folds: 4, seed: 3)
        #expect(folds.count == 4)
        var seen = [Int](repeating: 0, count: d.groups.count)
        for f in folds {
            for r in f.test { seen[r] += 1 }
            #expect(f.train.count + f.test.count == d.groups.count)
            #expect(Set(f.train.map { d.groups[$0] }).isDisjoint(with: Set(f.test.map { d.groups[$0] })))
            #expect(f.test.count == 30) // 120 rows balanced over 4 folds
        }
        #expect(seen.allSatisfy { $0 == 1 })
    }

    @Test func invalidFractionThrows() {
        #expect(throws: LearningError.self) { try DataSplitter.trainTestSplit(groups: [1, 2], testFraction: 1.5, seed: 0) }
    }
}
