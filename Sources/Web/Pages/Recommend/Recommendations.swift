import Analytics
import Core

/// What the Recommend page shows: the seed, where the answer came from and each result with its reasons (`Recommender`).
struct Recommendations: Codable, Sendable {
    struct Item: Codable, Sendable {
        var track: TrackRef
        var distance: Double
        /// The recommender's ranking value: the distance less the genre and cluster bonuses (lower ranks first).
        var score: Double
        var reasons: [String]
    }

    var seed: TrackRef
    var source: String
    var items: [Item]

    /// The recommender's answer for one seed, as the page shows it.
    init(seed: TrackRef, answer: RecommendationAnswer) {
        self.seed = seed
        source = answer.source.description
        items = answer.results.map {
            Item(track: TrackRef(trackID: $0.trackID, name: $0.trackName, artists: $0.artists.joined(separator: ";")),
                 distance: $0.distance, score: $0.score, reasons: $0.reasons)
        }
    }
}

extension M3UWriter.Entry {
    /// How the pages name a track.
    var label: String { TrackName.label(name: title, artists: artists.joined(separator: ";")) }
}
