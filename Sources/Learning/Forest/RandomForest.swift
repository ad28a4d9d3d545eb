import Foundation

/// Hyperparameters of a random forest built from the histogram tree learner: each tree is grown on a
/// bootstrap sample (as row weights), with a fresh random feature subset at every split.
/// Regression trees minimise squared error; binary classification grows the same trees on 0/1 targets,
/// which for two classes is exactly the Gini criterion, and averages the leaf frequencies.
/// Multiclass forests are not supported (use `BoostedTrees` with a softmax objective).
public struct RandomForest: Sendable {
    public enum Task: Sendable, Equatable {
        case regression
        case binaryClassification
    }

    public var task: Task
    public var treeCount: Int = 100
    /// Features tried per split; nil = sqrt(features) for classification, features/3 for regression.
    public var featuresPerSplit: Int? = nil
    public var minRowsPerLeaf: Int = 2
    public var maxLeaves: Int = 1024
    public var maxDepth: Int? = nil
    public var bootstrap: Bool = true
    /// Numeric bins per feature; 63 keeps the per-leaf histograms of deep trees small.
    public var maxBins: Int = 63
    public var seed: UInt64 = 0

    public init(task: Task) { self.task = task }

    public func fit(_ x: FeatureMatrix, targets: [Double]) throws -> RandomForestModel {
        guard x.rowCount == targets.count else { throw LearningError.invalidShape("\(x.rowCount) rows but \(targets.count) targets") }
        guard x.rowCount >= 2 else { throw LearningError.notEnoughData("a forest needs at least 2 rows") }
        guard treeCount >= 1, maxLeaves >= 2 else { throw LearningError.invalidArgument("treeCount >= 1 and maxLeaves >= 2 required") }
        if task == .binaryClassification, !targets.allSatisfy({ $0 == 0 || $0 == 1 }) {
            throw LearningError.invalidArgument("binary classification targets must be 0 or 1")
        }
        guard targets.allSatisfy({ $0.isFinite }) else { throw LearningError.invalidArgument("targets must be finite") }
        let n = x.rowCount, f = x.columnCount
        let perSplit = featuresPerSplit ?? max(1, task == .regression ? f / 3 : Int(Double(f).squareRoot()))
        let binnings = try FeatureBinner(maxBins: maxBins, seed: seed).fit(x)
        let binned = BinnedMatrix(x, binnings: binnings)
        let layout = HistogramLayout(binnings: binnings)
        let params = SplitParameters(l2: 0, minRowsPerLeaf: minRowsPerLeaf, minHessianPerLeaf: 0, minSplitGain: 0,
                                     maxDeltaStep: 0, categoricalSmoothing: 0, categoricalL2: 0)
        var trees = [DecisionTree](repeating: DecisionTree(), count: treeCount)
        trees.withUnsafeMutableBufferPointer { tb in
            let out = SharedBuffer(tb.baseAddress!)
            Parallel.forEach(count: treeCount) { t in
                var rng = SeededGenerator(seed: SeededGenerator.derive(seed, 7, UInt64(t)))
                var weight = [Double](repeating: bootstrap ? 0 : 1, count: n)
                if bootstrap { for _ in 0..<n { weight[rng.nextInt(n)] += 1 } }
                // Squared error from a zero score: g = -w*y, h = w, so each leaf holds the weighted mean target.
                let g = (0..<n).map { -weight[$0] * targets[$0] }
                let rows = (0..<n).filter { weight[$0] > 0 }.map { Int32($0) }
                var grower = TreeGrower(binned: binned, binnings: binnings, layout: layout, params: params,
                                        maxLeaves: maxLeaves, maxDepth: maxDepth, learningRate: 1, parallelFeatures: false)
                grower.featuresPerSplit = perSplit
                grower.splitSeed = rng.next()
                out[t] = grower.grow(grad: g, hess: weight, rows: rows, features: Array(0..<f)).tree
            }
        }
        return RandomForestModel(task: task, featureNames: x.columnNames, categoricalColumns: x.categoricalColumns, trees: trees)
    }
}

/// A fitted random forest: the average of its trees.
public struct RandomForestModel: Sendable, Equatable {
    public let task: RandomForest.Task
    public let featureNames: [String]
    public let categoricalColumns: Set<Int>
    public let trees: [DecisionTree]
    let packed: PackedForest

    public init(task: RandomForest.Task, featureNames: [String], categoricalColumns: Set<Int>, trees: [DecisionTree]) {
        self.task = task
        self.featureNames = featureNames
        self.categoricalColumns = categoricalColumns
        self.trees = trees
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

    /// Regression values, or predicted class codes (0/1 as Double) for classification.
    public func predict(_ x: FeatureMatrix) throws -> [Double] {
        let m = try meanOutput(x)
        return task == .regression ? m : m.map { $0 > 0.5 ? 1 : 0 }
    }

    public func predictProbabilities(_ x: FeatureMatrix) throws -> ScoreMatrix {
        guard task == .binaryClassification else {
            throw LearningError.invalidArgument("a regression forest has no class probabilities; use predict")
        }
        let p = try meanOutput(x)
        return ScoreMatrix(rowCount: p.count, columnCount: 2, values: p.flatMap { [1 - $0, $0] })
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
