import GRDB
@_spi(WarehouseSQL) import Store

// The questions the CLI and the web app ask, on a `WarehouseReader`: the shells never see a `Database`.

extension Trends {
    public static func rows(_ query: TrendQuery, in reader: WarehouseReader) throws -> [TrendRow] { try rows(query, in: reader.db) }

    public static func compare(_ a: String, _ b: String, _ query: TrendQuery, in reader: WarehouseReader)
        throws -> (a: String, b: String, comparisons: [TrendComparison]) { try compare(a, b, query, in: reader.db) }

    public static func yearCoverage(_ query: TrendQuery, in reader: WarehouseReader) throws -> (withYear: Int, total: Int) {
        try yearCoverage(query, in: reader.db)
    }

    public static func defaultGrouping(_ query: TrendQuery, in reader: WarehouseReader) throws -> (grouping: TrendGrouping, note: String) {
        try defaultGrouping(query, in: reader.db)
    }
}

extension ClusterProfile {
    public static func fetch(_ reader: WarehouseReader, runID: Int64, genres: Int = 3, tracks: Int = 3) throws -> [ClusterProfile] {
        try fetch(reader.db, runID: runID, genres: genres, tracks: tracks)
    }
}

extension Predictor {
    public init(_ reader: WarehouseReader) throws { try self.init(reader.db) }

    public static func championRunIDs(_ reader: WarehouseReader) throws -> [Int64] { try championRunIDs(reader.db) }

    /// The tasks that have a champion.
    public static func championTasks(_ reader: WarehouseReader) throws -> Set<TrainingTask> {
        Set(try ModelRuns.champions(reader.db).map(\.task))
    }
}

extension TrackExplanation {
    public static func explain(_ query: String, in reader: WarehouseReader) throws -> TrackExplanation { try explain(query, in: reader.db) }
}

extension PlaylistBuilder {
    public func build(_ request: PlaylistRequest, in reader: WarehouseReader) throws -> Playlist { try build(request, in: reader.db) }
}

extension RecommendationEngine {
    public func recommend(_ request: RecommendationRequest, in reader: WarehouseReader,
                          space: (() throws -> AudioSpace)? = nil) throws -> RecommendationAnswer {
        try recommend(request, in: reader.db, space: space)
    }
}

extension NameLookup {
    public static func track(_ query: String, in reader: WarehouseReader) throws -> TrackMatch { try track(query, in: reader.db) }
    public static func artist(_ name: String, in reader: WarehouseReader) throws -> String { try artist(name, in: reader.db) }
    public static func genre(_ name: String, in reader: WarehouseReader) throws -> String { try genre(name, in: reader.db) }
    public static func playlist(_ query: String, in reader: WarehouseReader) throws -> PlaylistSummary { try playlist(query, in: reader.db) }

    /// Every genre name, alphabetically regardless of case.
    public static func genres(in reader: WarehouseReader) throws -> [String] {
        try String.fetchAll(reader.db, sql: "SELECT DISTINCT name FROM genres ORDER BY name COLLATE NOCASE, name")
    }
}

extension Listening {
    public static func report(_ listener: String, by grouping: ListeningGrouping, in reader: WarehouseReader) throws -> ListeningReport {
        try report(listener, by: grouping, in: reader.db)
    }

    public static func compare(_ listener: String, _ a: String, _ b: String, by grouping: ListeningGrouping,
                               in reader: WarehouseReader) throws -> (a: ListeningPeriod, b: ListeningPeriod) {
        try compare(listener, a, b, by: grouping, in: reader.db)
    }

    /// Every listener with plays, alphabetically.
    public static func listeners(in reader: WarehouseReader) throws -> [String] {
        try String.fetchAll(reader.db, sql: "SELECT DISTINCT listener FROM listens ORDER BY listener")
    }
}

extension NameLookup {
    /// Every playlist, the longest first (then by id): what a picker offers.
    public static func playlists(in reader: WarehouseReader) throws -> [PlaylistSummary] {
        try Row.fetchAll(reader.db, sql: """
            SELECT p.playlist_id, p.spotify_playlist_id, p.name, p.genre, p.subgenre,
                   (SELECT count(*) FROM playlist_tracks pt WHERE pt.playlist_id = p.playlist_id) AS tracks
            FROM playlists p ORDER BY tracks DESC, p.playlist_id
            """).map(summary)
    }
}
