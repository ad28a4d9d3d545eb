extension KMeansModel: PersistableModel {
    public static var modelKind: String { "kmeans" }

    public func encodePayload(into w: inout BinaryWriter) {
        w.write(centroids.rowCount); w.write(centroids.columnCount); w.write(centroids.values)
        w.write(inertia); w.write(iterations); w.write(labels)
    }

    public static func decodePayload(from r: inout BinaryReader) throws -> KMeansModel {
        let rows = try r.readInt(), cols = try r.readInt(), values = try r.readDoubles()
        guard rows >= 1, cols >= 1, values.count == rows * cols else {
            throw LearningError.corruptedPayload("centroid shape \(rows) x \(cols) does not match \(values.count) values")
        }
        let inertia = try r.readDouble(), iterations = try r.readInt(), labels = try r.readInts()
        guard labels.allSatisfy({ $0 >= 0 && $0 < rows }) else { throw LearningError.corruptedPayload("cluster label out of range") }
        return KMeansModel(centroids: ScoreMatrix(rowCount: rows, columnCount: cols, values: values),
                           inertia: inertia, iterations: iterations, labels: labels)
    }
}

extension RandomForestModel: PersistableModel {
    public static var modelKind: String { "random-forest" }

    public func encodePayload(into w: inout BinaryWriter) {
        switch task {
        case .regression: w.write(UInt8(0))
        case .binaryClassification: w.write(UInt8(1))
        case .classification(let k): w.write(UInt8(2)); w.write(k)
        }
        w.write(featureNames)
        w.write(categoricalColumns.sorted())
        w.write(trees.count)
        for t in trees { t.encode(into: &w) }
        w.write(distributions.count)
        for d in distributions {
            w.write(d.offsets); w.write(d.classes); w.write(d.probabilities)
        }
    }

    public static func decodePayload(from r: inout BinaryReader) throws -> RandomForestModel {
        let tag = try r.readUInt8()
        let task: RandomForest.Task
        switch tag {
        case 0: task = .regression
        case 1: task = .binaryClassification
        case 2:
            let k = try r.readInt()
            guard k >= 2 else { throw LearningError.corruptedPayload("forest with \(k) classes") }
            task = .classification(classCount: k)
        default: throw LearningError.corruptedPayload("unknown forest task \(tag)")
        }
        let names = try r.readStrings()
        let categorical = Set(try r.readInts())
        let count = try r.readCount(elementSize: 80)
        var trees = [DecisionTree]()
        for _ in 0..<count {
            let t = try DecisionTree.decode(from: &r)
            try t.validate(featureCount: names.count)
            trees.append(t)
        }
        let distributionCount = try r.readCount(elementSize: 24)
        var distributions = [ClassDistributions]()
        for t in 0..<distributionCount {
            let d = ClassDistributions(offsets: try r.readInt32s(), classes: try r.readInt32s(), probabilities: try r.readDoubles())
            guard t < trees.count, d.nodeCount == trees[t].nodeCount, d.classes.count == d.probabilities.count,
                  d.offsets.first == 0, d.offsets.last == Int32(d.classes.count),
                  zip(d.offsets, d.offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                throw LearningError.corruptedPayload("leaf class distributions do not match the trees")
            }
            if case .classification(let k) = task, !d.classes.allSatisfy({ $0 >= 0 && $0 < Int32(k) }) {
                throw LearningError.corruptedPayload("leaf class out of range")
            }
            distributions.append(d)
        }
        if case .classification = task, distributions.count != trees.count {
            throw LearningError.corruptedPayload("a multiclass forest needs one class distribution table per tree")
        }
        return RandomForestModel(task: task, featureNames: names, categoricalColumns: categorical, trees: trees,
                                 distributions: distributions)
    }
}

extension ComplementNaiveBayesModel: PersistableModel {
    public static var modelKind: String { "complement-naive-bayes" }

    public func encodePayload(into w: inout BinaryWriter) {
        w.write(classCount); w.write(alpha); w.write(counts.count)
        for token in counts.keys.sorted() {
            let entry = counts[token]!
            w.write(token); w.write(entry.count)
            for label in entry.keys.sorted() { w.write(UInt16(label)); w.write(entry[label]!) }
        }
    }

    public static func decodePayload(from r: inout BinaryReader) throws -> ComplementNaiveBayesModel {
        let classCount = try r.readInt(), alpha = try r.readDouble(), tokens = try r.readInt()
        guard classCount >= 2, classCount <= Int(UInt16.max), alpha > 0, tokens >= 0 else {
            throw LearningError.corruptedPayload("naive Bayes header is inconsistent")
        }
        var counts: [UInt64: [Int: Double]] = [:]
        counts.reserveCapacity(tokens)
        for _ in 0..<tokens {
            let token = try r.readUInt64(), n = try r.readInt()
            guard n >= 1, n <= classCount else { throw LearningError.corruptedPayload("token class list has \(n) entries") }
            var entry: [Int: Double] = [:]
            for _ in 0..<n {
                let label = Int(try r.readUInt16())
                guard label < classCount else { throw LearningError.corruptedPayload("class \(label) out of range") }
                entry[label] = try r.readDouble()
            }
            counts[token] = entry
        }
        return ComplementNaiveBayesModel(classCount: classCount, alpha: alpha, counts: counts)
    }
}
