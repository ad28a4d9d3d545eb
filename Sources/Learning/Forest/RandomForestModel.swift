/// A fitted random forest: the average of its trees.
public struct RandomForestModel: Sendable, Equatable {
    public let task: RandomForest.Task
    public let featureNames: [String]
    public let categoricalColumns: Set<Int>
    public let trees: [DecisionTree]
    /// Multiclass forests: the class distribution of every leaf, per tree (empty otherwise).
    public let distributions: [ClassDistributions]
    let packed: PackedForest

    public init(task: RandomForest.Task, featureNames: [String], categoricalColumns: Set<Int>, trees: [DecisionTree],
                distributions: [ClassDistributions] = []) {
        self.task = task
        self.featureNames = featureNames
        self.categoricalColumns = categoricalColumns
        self.trees = trees
        self.distributions = distributions
        packed = PackedForest(trees: trees)
    }

    /// Mean tree output per row: the regression value, or P(class 1) for binary classification.
    func meanOutput(_ x: FeatureMatrix) throws -> [Double] {
        guard x.columnCount == featureNames.count else {
            throw LearningError.invalidShape("the model expects \(featureNames.count) features, got \(x.columnCount)")
        }
        let model = BoostedTreesModel(objective: .squaredError, featureNames: featureNames, categoricalColumns: categoricalColumns,
                                      initialScores: [0], trees: trees, packed: packed)
        let scale = 1 / Double(max(1, trees.count))
        return try model.predictRaw(x).values.map { $0 * scale }
    }

    /// Regression values, or predicted class codes (as Double) for classification.
    public func predict(_ x: FeatureMatrix) throws -> [Double] {
        if case .classification = task { return try predictProbabilities(x).argmaxPerRow().map(Double.init) }
        let m = try meanOutput(x)
        return task == .regression ? m : m.map { $0 > 0.5 ? 1 : 0 }
    }

    public func predictProbabilities(_ x: FeatureMatrix) throws -> ScoreMatrix {
        if case .classification(let k) = task { return try multiclassProbabilities(x, k) }
        guard task == .binaryClassification else {
            throw LearningError.invalidArgument("a regression forest has no class probabilities; use predict")
        }
        let p = try meanOutput(x)
        return ScoreMatrix(rowCount: p.count, columnCount: 2, values: p.flatMap { [1 - $0, $0] })
    }

    /// Mean of the leaf class distributions reached in every tree.
    func multiclassProbabilities(_ x: FeatureMatrix, _ k: Int) throws -> ScoreMatrix {
        guard x.columnCount == featureNames.count else {
            throw LearningError.invalidShape("the model expects \(featureNames.count) features, got \(x.columnCount)")
        }
        var out = [Double](repeating: 0, count: x.rowCount * k)
        let scale = 1 / Double(max(1, trees.count))
        out.withUnsafeMutableBufferPointer { ob in
            let o = SharedBuffer(ob.baseAddress!)
            x.values.withUnsafeBufferPointer { xb in
                Parallel.forEachChunk(count: x.rowCount, minChunk: 64) { range in
                    for r in range {
                        let row = xb.baseAddress! + r * x.columnCount
                        for (t, tree) in trees.enumerated() {
                            let d = distributions[t]
                            for e in d.entries(node: tree.leaf(for: row)) {
                                o[r * k + Int(d.classes[e])] += d.probabilities[e] * scale
                            }
                        }
                    }
                }
            }
        }
        return ScoreMatrix(rowCount: x.rowCount, columnCount: k, values: out)
    }

    /// Split-count or total-gain importance per feature, summed over all trees.
    public func featureImportance(_ kind: ImportanceKind = .gain) -> [Double] {
        var imp = [Double](repeating: 0, count: featureNames.count)
        for t in trees {
            for n in 0..<t.nodeCount where !t.isLeaf(n) { imp[Int(t.feature[n])] += kind == .gain ? t.gain[n] : 1 }
        }
        return imp
    }
}
