import Analytics
import Core

/// What the Recommend page and `/api/recommend` show: the seed, how many candidates were scored, and each result
/// with its score and reasons (`RecommendationEngine`, the answer `jukebox recommend` gives).
struct Recommendations: Codable, Sendable {
    struct Item: Codable, Sendable {
        var track: TrackRef
        /// The engine's blend of evidence: higher ranks first.
        var score: Double
        /// Distance to the profile in the standardized audio space (nil without audio).
        var distance: Double?
        var reasons: [String]
    }

    /// The seed track, for a track seed.
    var seed: TrackRef?
    /// The playlist's or listener's name, for those seeds.
    var subject: String?
    var candidates: Int
    var items: [Item]

    init(seed: TrackRef?, answer: RecommendationAnswer) {
        self.seed = seed
        subject = answer.subject.playlist?.name ?? answer.subject.listener?.listener
        candidates = answer.candidates
        items = answer.results.map {
            Item(track: TrackRef(trackID: $0.trackID, name: $0.trackName, artists: $0.artists.joined(separator: ";")),
                 score: $0.score, distance: $0.distance, reasons: $0.reasons)
        }
    }
}

extension M3UWriter.Entry {
    /// How the pages name a track.
    var label: String { TrackName.label(name: title, artists: artists.joined(separator: ";")) }
}
