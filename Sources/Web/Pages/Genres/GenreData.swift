import Analytics
import Foundation
import Store

/// The genre champion's holdout metrics, per-genre F1, confusion matrix and its largest confusions.
struct GenreData: Encodable, Sendable {
    /// The stored metrics' scalars: per-genre F1 and the confusion matrix are fields of their own below.
    typealias Metrics = RunMetrics.GenreMetrics

    struct GenreScore: Codable, Sendable {
        var genre: String
        var f1: Double
    }

    typealias Confusion = RunMetrics.ConfusionMatrix

    struct ConfusionPair: Codable, Sendable {
        var actual: String
        var predicted: String
        var count: Int
        /// Share of the actual genre's holdout rows predicted as `predicted`.
        var share: Double
    }

    var run: RunInfo?
    var metrics: Metrics
    var perGenreF1: [GenreScore]
    var confusionMatrix: Confusion?
    var largestConfusions: [ConfusionPair]

    static func load(_ reader: WarehouseReader) throws -> GenreData {
        guard let run = try RunInfo.champion(reader, task: .genre) else {
            return GenreData(run: nil, metrics: .empty, perGenreF1: [], confusionMatrix: nil, largestConfusions: [])
        }
        let stored = run.metrics.genre ?? .empty
        var metrics = stored
        metrics.perGenreF1 = nil
        metrics.confusionMatrix = nil
        let perGenre = stored.perGenreF1Ranked.map { GenreScore(genre: $0.genre, f1: $0.f1) }
        var confusion = stored.confusionMatrix
        if let matrix = confusion, matrix.counts.count != matrix.labels.count || matrix.counts.contains(where: { $0.count != matrix.labels.count }) {
            confusion = nil
        }
        return GenreData(run: run, metrics: metrics, perGenreF1: perGenre, confusionMatrix: confusion,
                         largestConfusions: confusion.map { largest($0, limit: 25) } ?? [])
    }

    static func largest(_ matrix: Confusion, limit: Int) -> [ConfusionPair] {
        var pairs: [ConfusionPair] = []
        for (a, row) in matrix.counts.enumerated() {
            let total = row.reduce(0, +)
            for (p, count) in row.enumerated() where p != a && count > 0 {
                pairs.append(ConfusionPair(actual: matrix.labels[a], predicted: matrix.labels[p], count: count,
                                           share: Double(count) / Double(max(1, total))))
            }
        }
        return Array(pairs.sorted { $0.count != $1.count ? $0.count > $1.count : $0.share > $1.share }.prefix(limit))
    }
}
