import Core
import Foundation
import GRDB
import Learning

/// Why the champions predicted what they did for one track of the warehouse.
public struct TrackExplanation: Sendable {
    public struct Contribution: Sendable, Equatable {
        public var feature: String
        public var value: Double
        /// SHAP value: how much this feature moved the model's raw output for this track.
        public var effect: Double
        public var sentence: String
    }

    public var trackID: String
    public var trackName: String
    public var artists: [String]
    public var actualGenres: [String]
    public var actualPopularity: Int?
    public var predictedGenres: [(genre: String, probability: Double)]
    public var genreModel: String?
    public var predictedPopularity: Double?
    public var popularityModel: String?
    /// Largest first.
    public var popularityContributions: [Contribution]
    /// For the top predicted genre, in log-odds of that genre's audio model.
    public var genreContributions: [Contribution]

    /// Explains a warehouse track with the current champions.
    static func explain(_ query: String, in db: Database) throws -> TrackExplanation {
        let match = try NameLookup.track(query, in: db)
        guard let record = try WarehouseTrackRecords.read(db, trackIDs: [match.trackID]).first else {
            throw AnalyticsError.unknownTrack(query, suggestions: [])
        }

        let predictor = try Predictor(db, for: [record])
        let answer = try predictor.predict([record])[0]
        let means = try featureMeans(db)
        var explanation = TrackExplanation(
            trackID: record.trackID, trackName: record.name, artists: record.artists, actualGenres: record.genres,
            actualPopularity: record.popularity, predictedGenres: answer.genres, genreModel: answer.genreModel,
            predictedPopularity: answer.popularity, popularityModel: answer.popularityModel,
            popularityContributions: [], genreContributions: [])

        let artistIDs = record.artists.compactMap { predictor.artistIDs[$0] }
        let album = record.albumKey.flatMap { predictor.albumIDs[$0] }
        if let modelName = answer.popularityModel, modelName != Predictor.noEvidence,
           let model = modelName != "audio" ? predictor.champions.popularityFull : (predictor.champions.popularityAudio ?? predictor.champions.popularityFull) {
            let x = try Predictor.popularityMatrix([record], artists: [artistIDs], albums: [album], model: model)
            let (values, base) = try TreeSHAP().explain(model.trees, x)
            let effects = Array(values.row(0))
            var lines = contributions(names: x.columnNames, row: Array(x.row(0)), effects: effects,
                                      means: means, target: "the predicted popularity", genres: model.genres)
            // The shown answer is clipped to 0..100: the clipping is one more line, so the lines add up to it.
            let raw = effects.reduce(base, +), clipping = PopularityModel.clipping(raw: raw)
            if clipping != 0 {
                lines.append(Contribution(feature: PopularityModel.clippingFeature, value: raw, effect: clipping,
                                          sentence: PopularityModel.clippingSentence(raw: raw)))
                lines.sort { abs($0.effect) > abs($1.effect) }
            }
            explanation.popularityContributions = lines
        }
        // Genre contributions are the audio trees' SHAP values: nothing to show for a track without audio.
        if let top = answer.genres.first, let modelName = answer.genreModel, modelName != "relations",
           let model = modelName != "audio" ? predictor.champions.genreFull : (predictor.champions.genreAudio ?? predictor.champions.genreFull),
           let output = model.classNames.firstIndex(of: top.genre) {
            let x = try Predictor.genreMatrix([record])
            let (values, _) = try TreeSHAP().explain(model.audio, x, output: output)
            explanation.genreContributions = contributions(names: x.columnNames, row: Array(x.row(0)), effects: Array(values.row(0)),
                                                           means: means, target: "the '\(top.genre)' score", genres: [])
        }
        return explanation
    }

    static func featureMeans(_ db: Database) throws -> [String: Double] {
        let columns = GenreTrainer.audioColumns
        guard let row = try Row.fetchOne(db, sql: "SELECT " + columns.map { "avg(\($0))" }.joined(separator: ", ") + " FROM v_tracks") else { return [:] }
        var means: [String: Double] = [:]
        for (i, column) in columns.enumerated() { means[column] = row[i] }
        return means
    }

    /// Sorted by size, each in words: "high acousticness (0.92) lowered the predicted popularity by 6.2".
    static func contributions(names: [String], row: [Double], effects: [Double], means: [String: Double], target: String,
                              genres: [String]) -> [Contribution] {
        names.indices.map { i in
            let name = names[i], value = row[i], effect = effects[i]
            let verb = effect >= 0 ? "raised" : "lowered"
            let amount = String(format: "%.2f", abs(effect))
            let subject: String
            switch name {
            case "genre":
                subject = value.isNaN ? "an unknown genre" : "the genre '\(genres.indices.contains(Int(value)) ? genres[Int(value)] : "?")'"
            case "artist_popularity": subject = String(format: "the artists' popularity record (%.1f)", value)
            case "artist_tracks": subject = String(format: "the artists' track count (%.0f)", value)
            case "album_popularity": subject = String(format: "the album's popularity record (%.1f)", value)
            case "album_tracks": subject = String(format: "the album's track count (%.0f)", value)
            case "explicit": subject = value == 1 ? "explicit lyrics" : "clean lyrics"
            case "mode": subject = value == 1 ? "a major key" : "a minor key"
            default:
                if value.isNaN { subject = "a missing \(name)" } else {
                    let level = means[name].map { value >= $0 ? "high" : "low" } ?? ""
                    subject = "\(level) \(name.replacingOccurrences(of: "_", with: " ")) (\(format(value)))"
                }
            }
            return Contribution(feature: name, value: value, effect: effect, sentence: "\(subject) \(verb) \(target) by \(amount)")
        }.sorted { abs($0.effect) > abs($1.effect) }
    }

    static func format(_ value: Double) -> String {
        // Int(exactly:) is nil past Int's range (and for infinities), where Int(_:) would stop the process.
        abs(value) >= 10 ? Int(exactly: value).map(String.init) ?? String(format: "%.3g", value) : String(format: "%.3g", value)
    }
}
