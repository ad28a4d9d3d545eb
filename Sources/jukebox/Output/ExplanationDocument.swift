import Analytics

/// `jukebox explain --format json`: what is unknown (no popularity, no model, a feature value the track lacks) is null,
/// never left out.
struct ExplanationDocument: Encodable {
    let explanation: TrackExplanation

    init(_ explanation: TrackExplanation) { self.explanation = explanation }

    enum CodingKeys: String, CodingKey {
        case trackID = "track_id", trackName = "track_name", artists, actualGenres = "actual_genres"
        case actualPopularity = "actual_popularity", predictedPopularity = "predicted_popularity", genreModel = "genre_model"
        case popularityModel = "popularity_model", predictedGenres = "predicted_genres"
        case popularityContributions = "popularity_contributions", genreContributions = "genre_contributions"
    }

    struct Genre: Encodable {
        var genre: String
        var probability: Double
    }

    struct Contribution: Encodable {
        var feature: String
        var value: Double?
        var effect: Double

        init(_ c: TrackExplanation.Contribution) { feature = c.feature; value = c.value.isNaN ? nil : c.value; effect = c.effect }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(feature, forKey: .feature)
            try container.encode(value, forKey: .value)
            try container.encode(effect, forKey: .effect)
        }

        enum CodingKeys: String, CodingKey { case feature, value, effect }
    }

    func encode(to encoder: any Encoder) throws {
        let e = explanation
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(e.trackID, forKey: .trackID)
        try container.encode(e.trackName, forKey: .trackName)
        try container.encode(e.artists, forKey: .artists)
        try container.encode(e.actualGenres, forKey: .actualGenres)
        try container.encode(e.actualPopularity, forKey: .actualPopularity)
        try container.encode(e.predictedPopularity, forKey: .predictedPopularity)
        try container.encode(e.genreModel, forKey: .genreModel)
        try container.encode(e.popularityModel, forKey: .popularityModel)
        try container.encode(e.predictedGenres.map { Genre(genre: $0.genre, probability: $0.probability) }, forKey: .predictedGenres)
        try container.encode(e.popularityContributions.map(Contribution.init), forKey: .popularityContributions)
        try container.encode(e.genreContributions.map(Contribution.init), forKey: .genreContributions)
    }
}
