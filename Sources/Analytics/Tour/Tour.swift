import GRDB
@_spi(WarehouseSQL) import Store

/// `jukebox tour`: a few real answers read from a loaded, trained warehouse, each from the function the command
/// that answers it in full calls (`stats`, `models`, `explain`, `recommend`, `trends --compare`).
public struct Tour: Sendable {
    /// A change between two decades: the feature that moved most (largest |Cohen's d|) of those `trends` compares.
    public struct Trend: Sendable {
        public var from: String
        public var to: String
        public var change: TrendComparison
    }

    public var stats: WarehouseStats
    /// The champion runs, oldest first (`jukebox models`).
    public var champions: [ModelRuns.Run]
    /// One holdout track explained: the most popular track with audio that no model trained on (`jukebox explain`).
    public var example: TrackExplanation?
    /// Recommendations seeded by the example track (`jukebox recommend`).
    public var recommendation: RecommendationAnswer?
    public var trend: Trend?

    /// Decades with fewer tracks are left out of the trend, as the Trends page leaves them out of its lines.
    public static let minimumDecadeTracks = 20
    public static let recommendationCount = 3

    public static func take(in reader: WarehouseReader) throws -> Tour {
        let db = reader.db
        var tour = Tour(stats: try WarehouseStats.fetch(db), champions: try ModelRuns.champions(db))
        if tour.champions.contains(where: { $0.task == .genre }), let trackID = try exampleTrack(db) {
            tour.example = try TrackExplanation.explain(trackID, in: db)
            var request = RecommendationRequest(seed: .tracks([trackID]))
            request.count = recommendationCount
            tour.recommendation = try RecommendationEngine().recommend(request, in: reader)
        }
        do { tour.trend = try decadeTrend(db) } catch is AnalyticsError {}  // no decade has values: no trend to show
        return tour
    }

    /// The most popular track with audio features in the holdout (ties by id): a track the models never saw.
    static func exampleTrack(_ db: Database) throws -> String? {
        let holdout = Holdout()
        let ranked = try String.fetchCursor(db, sql: """
            SELECT po.track_id FROM popularity_observations po JOIN audio_features f USING (track_id)
            GROUP BY po.track_id ORDER BY max(po.popularity) DESC, po.track_id
            """)
        while let trackID = try ranked.next() {
            if holdout.isTest(trackID) { return trackID }
        }
        return nil
    }

    /// The earliest and the latest decade with enough tracks, and the feature that differs most between them.
    static func decadeTrend(_ db: Database) throws -> Trend? {
        let counted = TrendQuery(features: [.popularity], grouping: .decade)
        let decades = try Trends.rows(counted, in: db).filter { $0.summary.count >= minimumDecadeTracks }.map(\.group)
        guard let from = decades.first, let to = decades.last, from != to else { return nil }
        let query = TrendQuery(features: TrackFeature.audio + [.popularity], grouping: .decade)
        let compared = try Trends.compare(from, to, query, in: db)
        guard let change = compared.comparisons.max(by: { abs($0.cohensD ?? 0) < abs($1.cohensD ?? 0) }) else { return nil }
        return Trend(from: compared.a, to: compared.b, change: change)
    }
}
