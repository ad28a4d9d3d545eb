import Foundation

/// Complement naive Bayes (Rennie et al. 2003) over bags of tokens: each class is scored by how unlike
/// the *other* classes' token counts a document is, which copes with many classes better than the
/// multinomial form. Documents are arrays of token ids; a repeated token counts twice.
public struct ComplementNaiveBayes: Sendable {
    /// Additive smoothing of every token count.
    public var alpha: Double = 1

    public init(alpha: Double = 1) { self.alpha = alpha }

    public func fit(documents: [[UInt64]], labels: [Int], classCount: Int) throws -> ComplementNaiveBayesModel {
        guard documents.count == labels.count else {
            throw LearningError.invalidArgument("\(documents.count) documents but \(labels.count) labels")
        }
        guard classCount >= 2 else { throw LearningError.invalidArgument("naive Bayes needs at least two classes") }
        guard alpha > 0 else { throw LearningError.invalidArgument("alpha must be positive") }
        var counts: [UInt64: [Int: Double]] = [:]
        for (document, label) in zip(documents, labels) {
            guard (0..<classCount).contains(label) else { throw LearningError.invalidArgument("label \(label) outside 0..<\(classCount)") }
            for token in document { counts[token, default: [:]][label, default: 0] += 1 }
        }
        return ComplementNaiveBayesModel(classCount: classCount, alpha: alpha, counts: counts)
    }
}

public struct ComplementNaiveBayesModel: Sendable, Equatable {
    public let classCount: Int
    public let alpha: Double
    /// token -> class -> count, over the training documents.
    let counts: [UInt64: [Int: Double]]
    /// log of each class's complement mass: sum over tokens of (all classes' count + alpha - this class's count).
    let logComplementTotals: [Double]

    init(classCount: Int, alpha: Double, counts: [UInt64: [Int: Double]]) {
        self.classCount = classCount
        self.alpha = alpha
        self.counts = counts
        var total = 0.0
        var perClass = [Double](repeating: 0, count: classCount)
        for entry in counts.values {
            for (label, n) in entry { total += n; perClass[label] += n }
        }
        let vocabulary = Double(counts.count)
        logComplementTotals = perClass.map { Foundation.log(total + alpha * vocabulary - $0) }
    }

    public var vocabularySize: Int { counts.count }

    /// Joint log-likelihood per class (tokens never seen in training are ignored).
    public func scores(_ document: [UInt64]) -> [Double] {
        var out = [Double](repeating: 0, count: classCount)
        var seen = 0.0
        var common = 0.0
        for token in document {
            guard let entry = counts[token] else { continue }
            seen += 1
            let all = entry.values.reduce(0, +) + alpha
            common -= Foundation.log(all)
            // Classes that used the token have a smaller complement count than the rest.
            for (label, n) in entry { out[label] += Foundation.log(all) - Foundation.log(all - n) }
        }
        for c in 0..<classCount { out[c] += common + seen * logComplementTotals[c] }
        return out
    }

    /// Class probabilities per document (softmax of the scores); an empty or unknown document gets uniform ones.
    public func predictProbabilities(_ documents: [[UInt64]]) -> ScoreMatrix {
        var values = [Double]()
        values.reserveCapacity(documents.count * classCount)
        for document in documents {
            let s = scores(document)
            let top = s.max() ?? 0
            let e = s.map { Foundation.exp($0 - top) }
            let sum = e.reduce(0, +)
            values += e.map { $0 / sum }
        }
        return ScoreMatrix(rowCount: documents.count, columnCount: classCount, values: values)
    }
}
