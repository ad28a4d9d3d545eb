import Foundation
import Learning

/// The genre task's audio models (boosted trees and forest) for one warehouse snapshot and configuration.
/// The full and the audio-only genre models share them (same rows, same settings), so `train all` fits
/// them once and the second run reuses the first's.
final class GenreAudioCache: @unchecked Sendable {
    typealias Models = (trees: BoostedTreesModel, forest: RandomForestModel)
    private let lock = NSLock()
    private var entry: (key: String, models: Models)?

    /// The cached models for `key`, else the ones `fit` makes (which then replace the cached ones).
    func models(for key: String, fit: () throws -> Models) rethrows -> (models: Models, reused: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if let entry, entry.key == key { return (entry.models, true) }
        let models = try fit()
        entry = (key, models)
        return (models, false)
    }
}
