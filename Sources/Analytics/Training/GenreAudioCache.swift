import Foundation
import Learning

/// The genre task's audio trees for one warehouse snapshot and configuration. The full and the audio-only
/// genre models share them (same rows, same settings), so `train all` fits them once and the second run
/// reuses the first's.
final class GenreAudioCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entry: (key: String, model: BoostedTreesModel)?

    /// The cached model for `key`, else the one `fit` makes (which then replaces the cached one).
    func model(for key: String, fit: () throws -> BoostedTreesModel) rethrows -> (model: BoostedTreesModel, reused: Bool) {
        lock.lock()
        defer { lock.unlock() }
        if let entry, entry.key == key { return (entry.model, true) }
        let model = try fit()
        entry = (key, model)
        return (model, false)
    }
}
