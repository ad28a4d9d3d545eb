import Foundation
import GRDB

/// What fitting one task produced, before anything is written: the run's record and a closure that
/// writes its outputs (inside the same transaction that records the run as succeeded).
struct TaskResult {
    var task: TrainingTask
    var featureSet: FeatureSet
    var algorithm: String
    var hyperparameters: RunHyperparameters
    var metrics: RunMetrics
    /// The metric champions are compared on, higher is better (nil: the task has none).
    var score: Double?
    var scoreName: String
    var dataRows: Int
    var trainRows: Int
    var testRows: Int
    var blob: [UInt8]?
    var fitSeconds: Double
    /// Writes predictions, assignments, importances... tagged with `runID`.
    var writeOutputs: (Database, Int64) throws -> Void
    /// The current champion's score on this run's holdout, from its stored model (nil when it cannot be re-scored).
    var scoreChampion: ([UInt8]) throws -> Double?
}

/// The one way a run's record is written to and read from `model_runs`' JSON columns.
enum JSON {
    /// Sorted keys, so the stored text is the same for the same record.
    static func string<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// nil when the text is missing or is not a `T`.
    static func decode<T: Decodable>(_ text: String?, as type: T.Type = T.self) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// Rounds for storage so metrics read well in `sqlite3` and JSON.
    static func round(_ value: Double, _ digits: Int = 6) -> Double {
        guard value.isFinite else { return 0 }
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() / scale
    }
}
