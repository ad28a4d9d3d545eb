import Foundation
import Learning

/// Reads the audio part of a genre champion's model blob through Learning's public API.
///
/// The blob is Analytics' `GenreModel` ("jukebox.genre.v1") in ModelCoder's envelope (magic, format version,
/// kind, payload length, payload, checksum); its payload starts with a length-prefixed boosted-trees blob,
/// then the class names, then artist and album tag tallies and blend settings. For a track described only
/// by its audio features (no known artist or album) the blend gives exactly the audio model's
/// probabilities, which is what the sliders ask, so the rest is not read. The nested model is checked by
/// `ModelCoder.decode` (checksum included); slicing it out avoids copying a 30 MB blob byte by byte.
struct GenrePredictor: Sendable {
    static let modelKind = "jukebox.genre.v1"

    var audio: BoostedTreesModel
    var classNames: [String]

    static func decode(_ bytes: [UInt8]) throws -> GenrePredictor {
        guard bytes.count > ModelCoder.magic.count + 2, Array(bytes[0..<ModelCoder.magic.count]) == ModelCoder.magic else {
            throw LearningError.badMagic
        }
        var r = BinaryReader(bytes, offset: ModelCoder.magic.count)
        _ = try r.readUInt16()
        let kind = try r.readString()
        guard kind == modelKind else { throw LearningError.wrongModelKind(expected: modelKind, found: kind) }
        _ = try r.readUInt64()
        let length = try r.readInt()
        let start = r.offset
        guard length > 0, length <= bytes.count - start else { throw LearningError.corruptedPayload("nested model length \(length)") }
        let audio = try ModelCoder.decode(BoostedTreesModel.self, from: Array(bytes[start..<(start + length)]))
        var rest = BinaryReader(bytes, offset: start + length)
        return GenrePredictor(audio: audio, classNames: try rest.readStrings())
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
        let decoded = try GenrePredictor.decode(bytes)
        lock.lock()
        self.runID = runID
        model = decoded
        lock.unlock()
        return decoded
    }
}
