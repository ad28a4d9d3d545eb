import Foundation
import Learning

/// Reads the audio part of a genre champion's model blob through Learning's public API.
///
/// The blob is Analytics' `GenreModel` ("jukebox.genre.v1"): a nested boosted-trees blob, the class names,
/// then artist and album tag tallies and blend settings. For a track described only by its audio features
/// (no known artist or album) the blend gives exactly the audio model's probabilities, which is what the
/// sliders ask. The rest of the payload is skipped.
struct GenrePredictor: PersistableModel {
    static let modelKind = "jukebox.genre.v1"

    var audio: BoostedTreesModel
    var classNames: [String]

    func encodePayload(into w: inout BinaryWriter) {}

    static func decodePayload(from r: inout BinaryReader) throws -> GenrePredictor {
        let length = try r.readInt()
        guard length >= 0, length <= r.remaining else { throw LearningError.corruptedPayload("nested model length \(length)") }
        var nested = [UInt8]()
        nested.reserveCapacity(length)
        for _ in 0..<length { nested.append(try r.readUInt8()) }
        let audio = try ModelCoder.decode(BoostedTreesModel.self, from: nested)
        let classNames = try r.readStrings()
        while r.remaining > 0 { _ = try r.readUInt8() }
        return GenrePredictor(audio: audio, classNames: classNames)
    }

    struct Prediction: Codable, Sendable {
        var genre: String
        var probability: Double
    }

    /// The most likely genres for one track's features (names as in the model; missing ones are NaN).
    func predict(_ features: [String: Double], top: Int = 5) throws -> [Prediction] {
        let values = audio.featureNames.map { features[$0] ?? .nan }
        let x = try FeatureMatrix(rowCount: 1, columnCount: values.count, values: values, columnNames: audio.featureNames,
                                  categoricalColumns: audio.categoricalColumns)
        let probabilities = Array(try audio.predictProbabilities(x).row(0))
        return probabilities.indices.sorted { probabilities[$0] > probabilities[$1] }.prefix(top)
            .filter { $0 < classNames.count }
            .map { Prediction(genre: classNames[$0], probability: probabilities[$0]) }
    }
}

/// The decoded champion, kept until the champion changes.
final class GenrePredictorCache: @unchecked Sendable {
    private let lock = NSLock()
    private var runID: Int64?
    private var model: GenrePredictor?

    func model(runID: Int64, blob: () throws -> [UInt8]?) throws -> GenrePredictor? {
        lock.lock()
        if self.runID == runID, let model { lock.unlock(); return model }
        lock.unlock()
        guard let bytes = try blob() else { return nil }
        let decoded = try ModelCoder.decode(GenrePredictor.self, from: bytes)
        lock.lock()
        self.runID = runID
        model = decoded
        lock.unlock()
        return decoded
    }
}
