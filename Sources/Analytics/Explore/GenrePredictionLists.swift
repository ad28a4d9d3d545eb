import Foundation
import GRDB
@_spi(WarehouseSQL) import Store

/// The genre champion's written-back answers (`v_genre_predictions`) as lists a person reads: the tracks predicted as
/// one genre, most confident first, and the likely mislabels, the tracks whose tags the answer disagrees with most.
public enum GenrePredictionLists {
    /// A list is cut at this many tracks (a page shows fewer; its CSV and JSON carry up to this many).
    public static let maximumTracks = 10_000

    /// One track's written-back answer.
    public struct Track: Codable, Sendable, Equatable {
        public var trackID: String
        public var name: String
        public var artists: String
        /// Its genre tags, every vocabulary, `;`-separated as `v_genre_predictions.actual_genres` gives them.
        public var tags: String
        public var predictedGenre: String
        public var probability: Double
        public var secondGenre: String?
        public var secondProbability: Double?
        public var thirdGenre: String?
        public var thirdProbability: Double?
        /// The row is the evaluated model's answer on a held-out track (not the served model's).
        public var inHoldout: Bool
        public var runID: Int64
        /// For a likely mislabel: the answer's probability less the highest the top 3 give a genre the track is
        /// tagged with (0 when none of them is one); nil in the list by genre.
        public var disagreement: Double?
    }

    /// A list: the first `tracks` of `total`.
    public struct Listing: Codable, Sendable {
        public var genre: String?
        public var total: Int
        public var tracks: [Track]
    }

    /// A genre the champion predicts, with how many tracks it answers with it.
    public struct GenreCount: Codable, Sendable, Equatable {
        public var genre: String
        public var tracks: Int
    }

    /// Every predicted genre, most tracks first.
    public static func genres(_ reader: WarehouseReader) throws -> [GenreCount] {
        try Row.fetchAll(reader.db, sql: """
            SELECT predicted_genre, count(*) AS tracks FROM v_genre_predictions GROUP BY predicted_genre
            ORDER BY tracks DESC, predicted_genre
            """).map { GenreCount(genre: $0["predicted_genre"], tracks: $0["tracks"]) }
    }

    /// The tracks predicted as `genre` (its name ignoring case; an unknown one throws with near misses among the
    /// predicted genres), most confident first.
    public static func predicted(as genre: String, limit: Int = maximumTracks, in reader: WarehouseReader) throws -> Listing {
        let db = reader.db
        let name = try genreName(genre, among: try genres(reader))
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM v_genre_predictions WHERE predicted_genre = ?", arguments: [name]) ?? 0
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(answerColumns), NULL AS disagreement FROM v_genre_predictions p WHERE p.predicted_genre = ?
            ORDER BY p.genre_probability DESC, p.track_id LIMIT ?
            """, arguments: [name, bounded(limit)])
        return Listing(genre: name, total: total, tracks: try tracks(rows, in: db))
    }

    /// Tracks tagged in the champion's taxonomy (the vocabulary it learned: otherwise it could never agree) but with
    /// no tag named as its answer, in any vocabulary: the most confident answers whose tags rank lowest first.
    public static func likelyMislabels(limit: Int = maximumTracks, in reader: WarehouseReader) throws -> Listing {
        let db = reader.db
        let taxonomy = try ModelRuns.champion(db, task: .genre, preferring: .full).flatMap { $0.featureSet == .full ? $0.taxonomy : nil }
        let tagged = { (genre: String) in
            "EXISTS (SELECT 1 FROM track_genres tg JOIN genres g USING (genre_id) WHERE tg.track_id = p.track_id AND g.name = \(genre))"
        }
        let candidates = """
            FROM v_genre_predictions p
            WHERE EXISTS (SELECT 1 FROM track_genres tg JOIN genres g USING (genre_id)
                          WHERE tg.track_id = p.track_id AND (:taxonomy IS NULL OR g.vocabulary = :taxonomy))
              AND NOT \(tagged("p.predicted_genre"))
            """
        let total = try Int.fetchOne(db, sql: "SELECT count(*) " + candidates, arguments: ["taxonomy": taxonomy]) ?? 0
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(answerColumns),
                   p.genre_probability - max(CASE WHEN \(tagged("p.second_genre")) THEN p.second_probability ELSE 0 END,
                                             CASE WHEN \(tagged("p.third_genre")) THEN p.third_probability ELSE 0 END) AS disagreement
            \(candidates)
            ORDER BY disagreement DESC, p.genre_probability DESC, p.track_id LIMIT :limit
            """, arguments: ["taxonomy": taxonomy, "limit": bounded(limit)])
        return Listing(genre: nil, total: total, tracks: try tracks(rows, in: db))
    }

    /// A predicted genre as the champion names it, from a name typed in any case; else an unknown-genre error with
    /// near misses among the predicted genres.
    public static func genreName(_ text: String, among genres: [GenreCount]) throws -> String {
        let known = genres.map(\.genre)
        guard let name = known.first(where: { $0 == text }) ?? NameLookup.sameIgnoringCase(text, among: known) else {
            throw AnalyticsError.unknownGenre(text, suggestions: NearMiss.suggestions(for: text, among: known))
        }
        return name
    }

    // Only the answer's own columns: the view's name columns are looked up for the listed tracks alone.
    private static let answerColumns = """
        p.track_id, p.actual_genres, p.predicted_genre, p.genre_probability, p.second_genre, p.second_probability,
        p.third_genre, p.third_probability, p.in_holdout, p.run_id
        """

    private static func bounded(_ limit: Int) -> Int { min(max(limit, 0), maximumTracks) }

    private static func tracks(_ rows: [Row], in db: Database) throws -> [Track] {
        let names = try TrackName.fetch(db, ids: rows.map { $0["track_id"] })
        return rows.map { row in
            let id: String = row["track_id"]
            return Track(trackID: id, name: names[id]?.name ?? id, artists: names[id]?.artists ?? "", tags: row["actual_genres"] ?? "",
                         predictedGenre: row["predicted_genre"], probability: row["genre_probability"],
                         secondGenre: row["second_genre"], secondProbability: row["second_probability"],
                         thirdGenre: row["third_genre"], thirdProbability: row["third_probability"],
                         inHoldout: row["in_holdout"] ?? false, runID: row["run_id"], disagreement: row["disagreement"])
        }
    }
}
