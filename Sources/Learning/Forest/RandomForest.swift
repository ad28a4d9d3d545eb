import Foundation

/// Hyperparameters of a random forest built from the histogram tree learner: each tree is grown on a
/// bootstrap sample (as row weights), with a fresh random feature subset at every split.
/// Regression trees minimise squared error; binary classification grows the same trees on 0/1 targets,
/// which for two classes is exactly the Gini criterion, and averages the leaf frequencies. Multiclass
/// classification grows Gini trees on class-count histograms and averages the leaves' class distributions.
public struct RandomForest: Sendable {
    public enum Task: Sendable, Equatable {
        case regression
        case binaryClassification
        /// Targets are class codes 0..<classCount.
        case classification(classCount: Int)
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
        if case .classification(let k) = task {
            guard k >= 2, targets.allSatisfy({ $0 >= 0 && $0 < Double(k) && $0 == $0.rounded() }) else {
                throw LearningError.invalidArgument("classification targets must be class codes in 0..<\(k) (k >= 2)")
            }
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
        var distributions = [ClassDistributions](repeating: ClassDistributions(), count: treeCount)
        let labels = targets.map { Int32($0) }
        trees.withUnsafeMutableBufferPointer { tb in
          distributions.withUnsafeMutableBufferPointer { db in
            let out = SharedBuffer(tb.baseAddress!), distOut = SharedBuffer(db.baseAddress!)
            Parallel.forEach(count: treeCount) { t in
                var rng = SeededGenerator(seed: SeededGenerator.derive(seed, 7, UInt64(t)))
                var weight = [Double](repeating: bootstrap ? 0 : 1, count: n)
                if bootstrap { for _ in 0..<n { weight[rng.nextInt(n)] += 1 } }
                if case .classification(let k) = task {
                    let grower = ClassificationTreeGrower(
                        binned: binned, binnings: binnings, layout: layout, classCount: k,
                        minRowsPerLeaf: Double(minRowsPerLeaf), maxLeaves: maxLeaves, maxDepth: maxDepth,
                        featuresPerSplit: perSplit, splitSeed: rng.next())
                    let result = grower.grow(rows: (0..<n).filter { weight[$0] > 0 }.map { Int32($0) }, labels: labels, weights: weight)
                    out[t] = result.tree
                    distOut[t] = result.distributions
                    return
                }
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
        }
        if case .classification = task {
            return RandomForestModel(task: task, featureNames: x.columnNames, categoricalColumns: x.categoricalColumns,
                                     trees: trees, distributions: distributions)
        }
        return RandomForestModel(task: task, featureNames: x.columnNames, categoricalColumns: x.categoricalColumns, trees: trees)
    }
}
