import Analytics
import Foundation
import Store

/// One genre of a live prediction.
struct GenrePrediction: Codable, Sendable {
    var genre: String
    var probability: Double
}

/// The champions' `Predictor`, loaded once and kept until a champion changes.
final class PredictorCache: @unchecked Sendable {
    private let lock = NSLock()
    private var runIDs: [Int64] = []
    private var predictor: Predictor?

    func predictor(_ reader: WarehouseReader) throws -> Predictor {
        // Only the genre and popularity champions decide the predictor, and the check costs two integer columns.
        let current = try WarehouseStamp.championRunIDs(reader, tasks: [.genre, .popularity])
        lock.lock()
        if current == runIDs, let predictor { lock.unlock(); return predictor }
        lock.unlock()
        var loaded = try Predictor(reader)
        loaded.genreCount = 5
        lock.lock()
        runIDs = current
        predictor = loaded
        lock.unlock()
        return loaded
    }
}
