import Learning

/// The genre classifier: gradient-boosted trees on audio features, and (feature set `full`) a blend with
/// the genre tags of the track's artists and album seen in training. The blend is Dirichlet smoothing of
/// the artists' tag counts toward the audio model's probabilities:
///     p(g) = (artistCounts(g) + albumWeight * albumCounts(g) + alpha * pAudio(g)) / (total + alpha)
/// so a track by an unknown artist gets the audio model's answer, and a prolific artist's tags dominate.
struct GenreModel: PersistableModel, Equatable {
    static let modelKind = "jukebox.genre.v1"

    var audio: BoostedTreesModel
    var classNames: [String]
    var artistTags: GenreTally
    var albumTags: GenreTally
    var alpha: Double
    var albumWeight: Double
    var usesRelations: Bool

    /// Probabilities per class for rows of `x` whose artists and albums are given alongside.
    func predictProbabilities(_ x: FeatureMatrix, artists: [[Int64]], albums: [Int64?]) throws -> ScoreMatrix {
        blend(try audio.predictProbabilities(x), artists: artists, albums: albums)
    }

    /// The blend applied to audio-model probabilities already computed (tuning tries many blends on one set).
    func blend(_ audioProbabilities: ScoreMatrix, artists: [[Int64]], albums: [Int64?]) -> ScoreMatrix {
        guard usesRelations else { return audioProbabilities }
        let k = classNames.count
        var values = audioProbabilities.values
        for row in 0..<audioProbabilities.rowCount {
            var counts: [Int: Double] = [:]
            for artist in artists[row] { for (genre, n) in artistTags.counts[artist] ?? [:] { counts[genre, default: 0] += n } }
            if let album = albums[row], albumWeight > 0 {
                for (genre, n) in albumTags.counts[album] ?? [:] { counts[genre, default: 0] += albumWeight * n }
            }
            guard !counts.isEmpty else { continue }
            let total = counts.values.reduce(0, +)
            for g in 0..<k {
                let index = row * k + g
                values[index] = ((counts[g] ?? 0) + alpha * values[index]) / (total + alpha)
            }
        }
        return ScoreMatrix(rowCount: audioProbabilities.rowCount, columnCount: k, values: values)
    }

    func encodePayload(into w: inout BinaryWriter) {
        w.writeBlob(ModelCoder.encode(audio))
        w.write(classNames)
        artistTags.encode(into: &w)
        albumTags.encode(into: &w)
        w.write(alpha)
        w.write(albumWeight)
        w.write(usesRelations)
    }

    static func decodePayload(from r: inout BinaryReader) throws -> GenreModel {
        let audio = try ModelCoder.decode(BoostedTreesModel.self, from: try r.readBlob())
        return GenreModel(audio: audio, classNames: try r.readStrings(), artistTags: try GenreTally.decode(from: &r),
                          albumTags: try GenreTally.decode(from: &r), alpha: try r.readDouble(),
                          albumWeight: try r.readDouble(), usesRelations: try r.readBool())
    }
}
