import Learning

/// The genre classifier. Feature set `audio`: gradient-boosted trees on the audio features alone.
/// Feature set `full`: those trees' probabilities are one piece of evidence among several — the genre
/// tags of the track's artists, album and other recordings of the same song in training, and a naive
/// Bayes model of the words in its names — and a second, binary boosted-trees model (the stacker) ranks
/// each candidate genre from all of them. It was fitted on training tracks the evidence did not see, so
/// it learns how far to trust each source (a prolific featured artist, a one-track album, the audio).
struct GenreModel: PersistableModel, Equatable {
    static let modelKind = "jukebox.genre.v2"
    /// Probability mass spread over non-candidate genres in proportion to the audio model's probabilities.
    static let audioFloor = 0.01

    var audio: BoostedTreesModel
    var classNames: [String]
    var evidence: GenreEvidence?
    var stacker: BoostedTreesModel?

    var usesRelations: Bool { stacker != nil }

    func predictProbabilities(_ x: FeatureMatrix, contexts: [TrackContext]) throws -> ScoreMatrix {
        try combine(try audio.predictProbabilities(x), contexts: contexts)
    }

    /// The stacked answer from audio probabilities already computed.
    func combine(_ audioProbabilities: ScoreMatrix, contexts: [TrackContext]) throws -> ScoreMatrix {
        guard let evidence, let stacker else { return audioProbabilities }
        let k = classNames.count
        let pairs = try Self.candidatePairs(evidence: evidence, audio: audioProbabilities, contexts: contexts)
        var out = ScoreMatrix(rowCount: contexts.count, columnCount: k)
        guard !pairs.rows.isEmpty else { return out }
        let scores = try stacker.predictProbabilities(pairs.x)
        var sums = [Double](repeating: 0, count: contexts.count)
        for (i, row) in pairs.rows.enumerated() { out[row, pairs.genres[i]] = scores[i, 1]; sums[row] += scores[i, 1] }
        for row in 0..<contexts.count {
            for g in 0..<k {
                let stacked = sums[row] > 0 ? out[row, g] / sums[row] : 0
                out[row, g] = (1 - Self.audioFloor) * stacked + Self.audioFloor * audioProbabilities[row, g]
            }
        }
        return out
    }

    /// Every candidate genre of every track with its feature row (`GenreEvidence.featureNames`): the stacker's input.
    static func candidatePairs(evidence: GenreEvidence, audio: ScoreMatrix, contexts: [TrackContext]) throws
        -> (rows: [Int], genres: [Int], x: FeatureMatrix) {
        guard let words = evidence.words else { throw LearningError.invalidArgument("the evidence has no words model") }
        let wordScores = words.predictProbabilities(contexts.map(\.words))
        var rows: [Int] = [], genres: [Int] = [], values: [Double] = []
        for (row, context) in contexts.enumerated() {
            for candidate in evidence.candidates(context, audio: audio.row(row), words: wordScores.row(row)) {
                rows.append(row)
                genres.append(candidate.genre)
                values += candidate.features
            }
        }
        let x = try FeatureMatrix(rowCount: rows.count, columnCount: GenreEvidence.featureNames.count, values: values,
                                  columnNames: GenreEvidence.featureNames)
        return (rows, genres, x)
    }

    /// Training pairs for the stacker: each candidate labelled 1 when the track carries that genre.
    static func stackingPairs(evidence: GenreEvidence, audio: ScoreMatrix, contexts: [TrackContext], tags: [[Int]]) throws
        -> (x: FeatureMatrix, labels: [Double]) {
        let pairs = try candidatePairs(evidence: evidence, audio: audio, contexts: contexts)
        return (pairs.x, zip(pairs.rows, pairs.genres).map { tags[$0].contains($1) ? 1 : 0 })
    }

    func encodePayload(into w: inout BinaryWriter) {
        w.writeBlob(ModelCoder.encode(audio))
        w.write(classNames)
        w.write(stacker != nil)
        if let evidence, let stacker {
            evidence.encode(into: &w)
            w.writeBlob(ModelCoder.encode(stacker))
        }
    }

    static func decodePayload(from r: inout BinaryReader) throws -> GenreModel {
        let audio = try ModelCoder.decode(BoostedTreesModel.self, from: try r.readBlob())
        var model = GenreModel(audio: audio, classNames: try r.readStrings())
        if try r.readBool() {
            model.evidence = try GenreEvidence.decode(from: &r)
            model.stacker = try ModelCoder.decode(BoostedTreesModel.self, from: try r.readBlob())
        }
        return model
    }
}
