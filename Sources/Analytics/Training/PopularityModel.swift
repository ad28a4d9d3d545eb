import Learning

/// The popularity regressor: gradient-boosted trees on audio features, explicit and genre (categorical),
/// plus (feature set `full`) the smoothed mean popularity and track count of the track's artists and album
/// among training tracks.
struct PopularityModel: PersistableModel, Equatable {
    static let modelKind = "jukebox.popularity.v1"
    static let relationColumns = ["artist_popularity", "artist_tracks", "album_popularity", "album_tracks"]
    static let smoothing = 5.0
    /// Popularity is 0..100 (the ingest refuses any other value), but a sum of boosted trees' leaves can leave it
    /// (1,363 tracks below 0 on the bundled dumps): every answer is clipped to it, here and nowhere else.
    public static let targetRange = 0.0...100.0

    var trees: BoostedTreesModel
    /// Genre names in category-code order.
    var genres: [String]
    var artistPopularity: PopularityTally
    var albumPopularity: PopularityTally
    var globalMean: Double
    var usesRelations: Bool

    /// The four relational columns for one track, from these tallies.
    static func relationValues(artists: [Int64], album: Int64?, artistTally: PopularityTally, albumTally: PopularityTally,
                               prior: Double) -> [Double] {
        let artistMeans = artists.map { artistTally.smoothedMean($0, prior: prior, smoothing: smoothing) }
        let artistMean = artistMeans.isEmpty ? prior : artistMeans.reduce(0, +) / Double(artistMeans.count)
        let artistTracks = artists.map { artistTally.count($0) }.max() ?? 0
        let albumMean = album.map { albumTally.smoothedMean($0, prior: prior, smoothing: smoothing) } ?? prior
        let albumTracks = album.map { albumTally.count($0) } ?? 0
        return [artistMean, artistTracks, albumMean, albumTracks]
    }

    /// The trees' input for tracks given by their audio values (`PopularityTrainer.audioColumns` order, NaN when
    /// missing), first genre, artists and album; the relational columns come from this model's tallies.
    func matrix(audio: [[Double]], genres: [String?], artists: [[Int64]], albums: [Int64?]) throws -> FeatureMatrix {
        let genreCode = Dictionary(uniqueKeysWithValues: self.genres.enumerated().map { ($1, Double($0)) })
        var values: [Double] = []
        for r in audio.indices {
            values += audio[r]
            values.append(genres[r].flatMap { genreCode[$0] } ?? .nan)
            if usesRelations {
                values += Self.relationValues(artists: artists[r], album: albums[r], artistTally: artistPopularity,
                                              albumTally: albumPopularity, prior: globalMean)
            }
        }
        let names = trees.featureNames
        return try FeatureMatrix(rowCount: audio.count, columnCount: names.count, values: values, columnNames: names,
                                 categoricalColumns: trees.categoricalColumns)
    }

    /// The served answers for rows of `matrix(...)`: the trees' sums, clipped to `targetRange`. Every prediction
    /// written back, scored or shown goes through here.
    func predict(_ x: FeatureMatrix) throws -> [Double] {
        try trees.predict(x).map(Self.clipped)
    }

    static func clipped(_ raw: Double) -> Double {
        min(targetRange.upperBound, max(targetRange.lowerBound, raw))
    }

    /// What clipping added to the trees' sum `raw` (SHAP base plus contributions): 0 inside the range. An explanation
    /// shows it as one more contribution, so that its contributions still add up to the shown answer.
    static func clipping(raw: Double) -> Double {
        clipped(raw) - raw
    }

    /// The contribution line for clipping, in the words explanations use.
    public static func clippingSentence(raw: Double) -> String {
        String(format: "the popularity range %.0f..%.0f clipped the model's %.2f, by %.2f", targetRange.lowerBound,
               targetRange.upperBound, raw, abs(clipping(raw: raw)))
    }

    /// The feature name of that contribution.
    public static let clippingFeature = "clipped to range"

    func encodePayload(into w: inout BinaryWriter) {
        w.writeBlob(ModelCoder.encode(trees))
        w.write(genres)
        artistPopularity.encode(into: &w)
        albumPopularity.encode(into: &w)
        w.write(globalMean)
        w.write(usesRelations)
    }

    static func decodePayload(from r: inout BinaryReader) throws -> PopularityModel {
        let trees = try ModelCoder.decode(BoostedTreesModel.self, from: try r.readBlob())
        return PopularityModel(trees: trees, genres: try r.readStrings(), artistPopularity: try PopularityTally.decode(from: &r),
                               albumPopularity: try PopularityTally.decode(from: &r), globalMean: try r.readDouble(),
                               usesRelations: try r.readBool())
    }
}
