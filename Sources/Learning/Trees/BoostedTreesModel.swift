import Foundation

/// Which statistic feature importances aggregate.
public enum ImportanceKind: Sendable {
    /// Number of splits on the feature.
    case splitCount
    /// Total gain of the splits on the feature.
    case gain
}

/// A fitted gradient-boosted ensemble. Trees are stored round-major: round r, output c is `trees[r * outputCount + c]`.
public struct BoostedTreesModel: Sendable, Equatable {
    public let objective: BoostedTrees.Objective
    public let featureNames: [String]
    public let categoricalColumns: Set<Int>
    public let initialScores: [Double]
    public let trees: [DecisionTree]
    let packed: PackedForest

    public init(objective: BoostedTrees.Objective, featureNames: [String], categoricalColumns: Set<Int>,
                initialScores: [Double], trees: [DecisionTree]) {
        self.objective = objective
        self.featureNames = featureNames
        self.categoricalColumns = categoricalColumns
        self.initialScores = initialScores
        self.trees = trees
        self.packed = PackedForest(trees: trees)
    }

    /// Reuses an already packed forest (random forests share the prediction path).
    init(objective: BoostedTrees.Objective, featureNames: [String], categoricalColumns: Set<Int>,
         initialScores: [Double], trees: [DecisionTree], packed: PackedForest) {
        self.objective = objective
        self.featureNames = featureNames
        self.categoricalColumns = categoricalColumns
        self.initialScores = initialScores
        self.trees = trees
        self.packed = packed
    }

    public var outputCount: Int { initialScores.count }
    public var featureCount: Int { featureNames.count }
    public var roundCount: Int { trees.count / max(1, outputCount) }

    func check(_ x: FeatureMatrix) throws {
        guard x.columnCount == featureCount else {
            throw LearningError.invalidShape("the model expects \(featureCount) features, got \(x.columnCount)")
        }
    }

    /// Raw additive scores (logits for classification), rows x outputs.
    public func predictRaw(_ x: FeatureMatrix) throws -> ScoreMatrix {
        try check(x)
        let k = outputCount
        var out = [Double](repeating: 0, count: x.rowCount * k)
        let cols = x.columnCount
        let forest = packed
        let initial = initialScores
        out.withUnsafeMutableBufferPointer { ob in
            let o = SharedBuffer(ob.baseAddress!)
            x.values.withUnsafeBufferPointer { xb in
                forest.nodes.withUnsafeBufferPointer { nb in
                    forest.roots.withUnsafeBufferPointer { rb in
                        let base = xb.baseAddress!, nodes = nb.baseAddress!, roots = rb.baseAddress!
                        let treeCount = rb.count
                        // Blocks of rows walk each tree in turn so that tree's nodes stay in cache.
                        Parallel.forEachChunk(count: x.rowCount, minChunk: 64) { range in
                            for r in range { for c in 0..<k { o[r * k + c] = initial[c] } }
                            var blockStart = range.lowerBound
                            while blockStart < range.upperBound {
                                let blockEnd = min(range.upperBound, blockStart + 128)
                                for t in 0..<treeCount {
                                    let c = t % k
                                    let root = Int(roots[t])
                                    for r in blockStart..<blockEnd {
                                        o[r * k + c] += forest.value(nodes: nodes, root: root, row: base + r * cols)
                                    }
                                }
                                blockStart = blockEnd
                            }
                        }
                    }
                }
            }
        }
        return ScoreMatrix(rowCount: x.rowCount, columnCount: k, values: out)
    }

    /// Class probabilities (2 columns for binary logistic); throws for regression models.
    public func predictProbabilities(_ x: FeatureMatrix) throws -> ScoreMatrix {
        var raw = try predictRaw(x)
        switch objective {
        case .squaredError:
            throw LearningError.invalidArgument("a regression model has no class probabilities; use predict")
        case .binaryLogistic:
            var v = [Double]()
            v.reserveCapacity(raw.rowCount * 2)
            for r in 0..<raw.rowCount {
                let p = LogisticObjective.sigmoid(raw[r, 0])
                v.append(1 - p); v.append(p)
            }
            return ScoreMatrix(rowCount: raw.rowCount, columnCount: 2, values: v)
        case .softmax(let k):
            for r in 0..<raw.rowCount {
                var mx = -Double.infinity
                for c in 0..<k { mx = max(mx, raw[r, c]) }
                var sum = 0.0
                for c in 0..<k { let e = exp(raw[r, c] - mx); raw[r, c] = e; sum += e }
                for c in 0..<k { raw[r, c] /= sum }
            }
            return raw
        }
    }

    /// Regression: predicted values. Classification: predicted class codes as Doubles (see `predictClasses`).
    public func predict(_ x: FeatureMatrix) throws -> [Double] {
        switch objective {
        case .squaredError: return try predictRaw(x).values
        default: return try predictClasses(x).map(Double.init)
        }
    }

    public func predictClasses(_ x: FeatureMatrix) throws -> [Int] {
        switch objective {
        case .squaredError: throw LearningError.invalidArgument("a regression model has no classes; use predict")
        case .binaryLogistic: return try predictRaw(x).values.map { $0 > 0 ? 1 : 0 }
        case .softmax: return try predictRaw(x).argmaxPerRow()
        }
    }

    /// Split-count or total-gain importance per feature, summed over all trees.
    public func featureImportance(_ kind: ImportanceKind = .gain) -> [Double] {
        var imp = [Double](repeating: 0, count: featureCount)
        for t in trees {
            for n in 0..<t.nodeCount where !t.isLeaf(n) {
                imp[Int(t.feature[n])] += kind == .gain ? t.gain[n] : 1
            }
        }
        return imp
    }
}
