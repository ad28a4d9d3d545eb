/// Importance of one feature: the drop in score when its column is shuffled, over several repeats.
public struct FeatureImportance: Sendable, Equatable {
    public let feature: String
    public let mean: Double
    public let standardDeviation: Double
    public let drops: [Double]
}

/// Model-agnostic permutation importance: shuffle one column at a time (seeded), re-score, and report
/// baseline score minus permuted score. Higher scores must mean better models.
public struct PermutationImportance: Sendable {
    public var repeats: Int
    public var seed: UInt64

    public init(repeats: Int = 5, seed: UInt64 = 0) {
        self.repeats = repeats
        self.seed = seed
    }

    public func compute(_ x: FeatureMatrix, targets: [Double],
                        predict: (FeatureMatrix) throws -> [Double],
                        score: ([Double], [Double]) throws -> Double) throws -> [FeatureImportance] {
        guard repeats >= 1 else { throw LearningError.invalidArgument("repeats must be >= 1") }
        guard x.rowCount == targets.count else { throw LearningError.invalidShape("\(x.rowCount) rows but \(targets.count) targets") }
        let baseline = try score(targets, try predict(x))
        var out = [FeatureImportance]()
        for c in 0..<x.columnCount {
            var drops = [Double]()
            let column = x.column(c)
            for rep in 0..<repeats {
                var rng = SeededGenerator(seed: SeededGenerator.derive(seed, UInt64(c), UInt64(rep)))
                var shuffled = column
                rng.shuffle(&shuffled)
                drops.append(baseline - (try score(targets, try predict(x.replacingColumn(c, with: shuffled)))))
            }
            let mean = drops.reduce(0, +) / Double(repeats)
            let variance = drops.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(repeats)
            out.append(FeatureImportance(feature: x.columnNames[c], mean: mean, standardDeviation: variance.squareRoot(), drops: drops))
        }
        return out
    }
}
