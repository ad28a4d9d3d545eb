extension DecisionTree {
    func encode(into w: inout BinaryWriter) {
        w.write(feature); w.write(threshold); w.write(defaultLeft); w.write(left); w.write(right)
        w.write(value); w.write(cover); w.write(rowCount); w.write(gain); w.write(categorySet)
        w.write(categorySets.count)
        for s in categorySets { w.write(s.left.words); w.write(s.right.words) }
    }

    static func decode(from r: inout BinaryReader) throws -> DecisionTree {
        var t = DecisionTree()
        t.feature = try r.readInt32s(); t.threshold = try r.readDoubles(); t.defaultLeft = try r.readBools()
        t.left = try r.readInt32s(); t.right = try r.readInt32s(); t.value = try r.readDoubles()
        t.cover = try r.readDoubles(); t.rowCount = try r.readDoubles(); t.gain = try r.readDoubles()
        t.categorySet = try r.readInt32s()
        let sets = try r.readCount(elementSize: 16)
        for _ in 0..<sets {
            t.categorySets.append(CategorySplit(left: CategoryBitset(words: try r.readUInt64s()),
                                                right: CategoryBitset(words: try r.readUInt64s())))
        }
        try t.validate()
        return t
    }

    /// Structural checks so a corrupted blob fails at load time rather than crashing at predict time.
    func validate(featureCount: Int? = nil) throws {
        let n = feature.count
        guard n > 0, [threshold.count, defaultLeft.count, left.count, right.count, value.count, cover.count,
                      rowCount.count, gain.count, categorySet.count].allSatisfy({ $0 == n }) else {
            throw LearningError.corruptedPayload("tree node arrays have inconsistent lengths")
        }
        for i in 0..<n where feature[i] >= 0 {
            // Children always come after their parent, which also rules out cycles.
            // Prediction relies on right = left + 1 (see PackedForest).
            guard left[i] > Int32(i), left[i] < Int32(n), right[i] == left[i] + 1, right[i] < Int32(n) else {
                throw LearningError.corruptedPayload("tree node \(i) has invalid children")
            }
            if let featureCount, Int(feature[i]) >= featureCount {
                throw LearningError.corruptedPayload("tree node \(i) splits on missing feature \(feature[i])")
            }
            guard categorySet[i] < Int32(categorySets.count) else {
                throw LearningError.corruptedPayload("tree node \(i) refers to a missing category set")
            }
        }
    }
}

extension BoostedTrees.Objective {
    func encode(into w: inout BinaryWriter) {
        switch self {
        case .squaredError: w.write(UInt8(0))
        case .binaryLogistic: w.write(UInt8(1))
        case .softmax(let k): w.write(UInt8(2)); w.write(k)
        }
    }

    static func decode(from r: inout BinaryReader) throws -> BoostedTrees.Objective {
        switch try r.readUInt8() {
        case 0: return .squaredError
        case 1: return .binaryLogistic
        case 2:
            let k = try r.readInt()
            guard k >= 2 else { throw LearningError.corruptedPayload("softmax with \(k) classes") }
            return .softmax(classCount: k)
        case let t: throw LearningError.corruptedPayload("unknown objective tag \(t)")
        }
    }
}

extension BoostedTreesModel: PersistableModel {
    public static var modelKind: String { "boosted-trees" }

    public func encodePayload(into w: inout BinaryWriter) {
        objective.encode(into: &w)
        w.write(featureNames)
        w.write(categoricalColumns.sorted())
        w.write(initialScores)
        w.write(trees.count)
        for t in trees { t.encode(into: &w) }
    }

    public static func decodePayload(from r: inout BinaryReader) throws -> BoostedTreesModel {
        let objective = try BoostedTrees.Objective.decode(from: &r)
        let names = try r.readStrings()
        let categorical = Set(try r.readInts())
        let initial = try r.readDoubles()
        let count = try r.readCount(elementSize: 80)
        var trees = [DecisionTree]()
        for _ in 0..<count {
            let t = try DecisionTree.decode(from: &r)
            try t.validate(featureCount: names.count)
            trees.append(t)
        }
        guard initial.count == objective.make().outputCount, trees.count % max(1, initial.count) == 0 else {
            throw LearningError.corruptedPayload("tree count does not match the number of outputs")
        }
        return BoostedTreesModel(objective: objective, featureNames: names, categoricalColumns: categorical,
                                 initialScores: initial, trees: trees)
    }
}
