/// Hyperparameters of histogram gradient-boosted trees. `fit` returns an immutable `BoostedTreesModel`.
public struct BoostedTrees: Sendable {
    public enum Objective: Sendable, Equatable {
        case squaredError
        case binaryLogistic
        case softmax(classCount: Int)

        public func make() -> any BoostingObjective {
            switch self {
            case .squaredError: return SquaredErrorObjective()
            case .binaryLogistic: return LogisticObjective()
            case .softmax(let k): return SoftmaxObjective(classCount: k)
            }
        }
    }

    public var objective: Objective
    public var rounds: Int = 100
    public var learningRate: Double = 0.1
    public var maxLeaves: Int = 31
    /// nil = no depth limit (growth is bounded by maxLeaves).
    public var maxDepth: Int? = nil
    public var minRowsPerLeaf: Int = 20
    public var minHessianPerLeaf: Double = 1e-3
    /// L2 penalty (lambda) on leaf values.
    public var l2: Double = 1
    public var minSplitGain: Double = 0
    /// Cap on |leaf value| before the learning rate; nil = the objective's default (2 for softmax, off otherwise), 0 = off.
    public var maxDeltaStep: Double? = nil
    /// Fraction of rows drawn (without replacement) for each round.
    public var rowSubsample: Double = 1
    /// Gradient-based one-side sampling per tree (LightGBM's GOSS): keep the rows with the largest |gradient|
    /// (this fraction of the bag) plus a seeded random `gossOtherRate` of the rest, up-weighted to stay unbiased.
    /// nil = off. With many classes this cuts each class tree's work to the rows that class still gets wrong.
    public var gossTopRate: Double? = nil
    public var gossOtherRate: Double = 0.1
    /// Fraction of features drawn for each tree.
    public var featureSubsample: Double = 1
    public var maxBins: Int = 255
    public var categoricalSmoothing: Double = 10
    public var categoricalL2: Double = 10
    /// Stop when the validation loss has not improved for this many rounds (needs a validation set).
    public var earlyStoppingRounds: Int? = nil
    public var seed: UInt64 = 0

    public init(objective: Objective) { self.objective = objective }

    /// Fits on `targets` (regression values, 0/1, or class codes for softmax). With a validation set the
    /// returned model keeps only the rounds up to the best validation loss when early stopping triggers.
    public func fit(_ x: FeatureMatrix, targets: [Double],
                    validation: (features: FeatureMatrix, targets: [Double])? = nil) throws -> BoostedTreesModel {
        try validate(rowCount: x.rowCount, targets)
        return try fit(BinnedFeatures(x, maxBins: maxBins, seed: seed), targets: targets, validation: validation)
    }

    /// Fits from features already binned (`maxBins` and `seed` then played their part in `binned`): the same
    /// trees as fitting the float matrix those bins came from.
    public func fit(_ binned: BinnedFeatures, targets: [Double],
                    validation: (features: FeatureMatrix, targets: [Double])? = nil) throws -> BoostedTreesModel {
        try BoostedTreesTrainer(config: self, data: binned, targets: targets, validation: validation).run()
    }

    /// Classification convenience: softmax (or binary logistic when the objective says so) on class codes.
    public func fit(_ x: FeatureMatrix, labels: ClassLabels,
                    validation: (features: FeatureMatrix, labels: ClassLabels)? = nil) throws -> BoostedTreesModel {
        try fit(x, targets: labels.codes.map(Double.init),
                validation: validation.map { ($0.features, $0.labels.codes.map(Double.init)) })
    }

    func validate(rowCount: Int, _ targets: [Double]) throws {
        guard rowCount == targets.count else {
            throw LearningError.invalidShape("\(rowCount) rows but \(targets.count) targets")
        }
        guard rowCount > 0 else { throw LearningError.emptyInput("no training rows") }
        guard rounds >= 1 else { throw LearningError.invalidArgument("rounds must be >= 1") }
        guard learningRate > 0 else { throw LearningError.invalidArgument("learningRate must be > 0") }
        guard maxLeaves >= 2 else { throw LearningError.invalidArgument("maxLeaves must be >= 2") }
        guard rowSubsample > 0, rowSubsample <= 1, featureSubsample > 0, featureSubsample <= 1 else {
            throw LearningError.invalidArgument("subsample fractions must be in (0, 1]")
        }
        if let a = gossTopRate {
            guard a > 0, a < 1, gossOtherRate > 0, a + gossOtherRate <= 1 else {
                throw LearningError.invalidArgument("GOSS rates must satisfy 0 < top, 0 < other, top + other <= 1")
            }
        }
        guard targets.allSatisfy({ $0.isFinite }) else { throw LearningError.invalidArgument("targets must be finite") }
        if case .softmax(let k) = objective, k < 2 {
            throw LearningError.invalidArgument("softmax needs at least 2 classes")
        }
    }
}
