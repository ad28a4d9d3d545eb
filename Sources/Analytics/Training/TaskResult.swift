import Foundation
import GRDB

/// What fitting one task produced, before anything is written: the run's record and a closure that
/// writes its outputs (inside the same transaction that records the run as succeeded).
struct TaskResult {
    var task: TrainingTask
    var featureSet: FeatureSet
    var algorithm: String
    var hyperparameters: [String: Any]
    var metrics: [String: Any]
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

enum JSON {
    static func string(_ object: Any) -> String {
        guard JSONSerialization.isValidJSONObject(object),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    static func object(_ text: String?) -> [String: Any] {
        guard let text, let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    /// Rounds for storage so metrics read well in `sqlite3` and JSON.
    static func round(_ value: Double, _ digits: Int = 6) -> Double {
        guard value.isFinite else { return 0 }
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() / scale
    }
}
