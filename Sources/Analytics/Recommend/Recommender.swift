import Core
import Foundation
import GRDB
import Store

/// Recommends tracks near a taste profile: the weighted mean of the seeds in standardized audio space, blended with
/// genre and cluster agreement, one result per song (`SameSong`). One ranking rule, whichever path serves it: the
/// `count` songs nearest the profile that pass the filters (each by its nearest copy; distances to 5 decimals, ties
/// by track id, as the neighbours table stores them), ordered by their score (distance less the genre and cluster
/// bonuses, lowest first; ties by track id). For one seed and no filters it reads the champion neighbours table when
/// that saw the newest data; otherwise it measures every track exactly; both give the same list. The one recommender:
/// `jukebox recommend` and the web app both call it, so they give the same answer to the same question.
public struct Recommender {
    static let features = AudioSpace.columns

    /// Whether a single seed may be answered from the stored neighbours table (tests compare the two paths).
    var usesStoredNeighbours = true

    public init() {}

    /// `space` gives the standardized audio space for an exact search; the web app passes the one it keeps loaded.
    public func recommend(_ request: RecommendationRequest, in reader: WarehouseReader,
                          space: (() throws -> RecommendationSpace)? = nil) throws -> RecommendationAnswer {
        try recommend(request, in: reader.db, space: space)
    }

    func recommend(_ request: RecommendationRequest, in db: Database,
                          space: (() throws -> RecommendationSpace)? = nil) throws -> RecommendationAnswer {
        guard !request.seeds.isEmpty else { throw AnalyticsError.notAnswerable("give at least one seed track, an artist or a history file") }
        let seedIDs = Set(request.seeds.map(\.trackID))
        let seedInfo = try metadata(db, ids: Array(seedIDs))
        for id in seedIDs where seedInfo[id] == nil { throw AnalyticsError.unknownTrack(id, suggestions: []) }
        // Other recordings of a seed's song never come back either.
        var seedSongs = SongSet()
        for track in seedInfo.values { seedSongs.insert(title: track.name, artists: track.artists) }
        let seed = SeedSummary(tracks: Array(seedInfo.values), clusters: try clusterCounts(db, ids: Array(seedIDs)))

        if usesStoredNeighbours, request.seeds.count == 1, request.filters.isEmpty, let stored = try freshNeighbours(db, of: request.seeds[0].trackID),
           stored.neighbours.count >= request.count {
            let info = try metadata(db, ids: stored.neighbours.map(\.id))
            let clusters = try clusterOf(db, ids: stored.neighbours.map(\.id))
            var songs = seedSongs
            // In the exact search's order: stored distances are already rounded to 5 decimals; ties by track id.
            let results = stored.neighbours.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }.compactMap { id, distance -> Recommendation? in
                guard let track = info[id], songs.insert(title: track.name, artists: track.artists) else { return nil }
                return make(track, distance: distance, request: request, seed: seed, cluster: clusters[id], closest: nil)
            }
            // Stored neighbours that are copies of one song leave too few: fall through to the exact search.
            if results.count >= request.count {
                return RecommendationAnswer(results: Self.ranked(Array(results.prefix(request.count))), source: .storedNeighbours(runID: stored.runID))
            }
        }

        let space = try space?() ?? RecommendationSpace.load(db)
        guard let profile = profile(request, space: space) else {
            throw AnalyticsError.notAnswerable("the seed tracks have no audio features to compare with, so nothing can be measured against them")
        }
        var order = (0..<space.ids.count).map { i -> (Int, Double) in
            var squared = 0.0
            for d in 0..<Self.features.count { let diff = space.points[i][d] - profile[d]; squared += diff * diff }
            return (i, Self.rounded(squared.squareRoot()))
        }
        order.sort { ($0.1, space.ids[$0.0]) < ($1.1, space.ids[$1.0]) }
        let clusters = try clusterOfAll(db)
        // Walk outwards, nearest first (metadata a batch at a time): the first `count` songs that pass the filters.
        var results: [Recommendation] = []
        var perArtist: [String: Int] = [:]
        var songs = seedSongs
        var start = 0
        // A count past the number of tracks asks for nothing more (and cannot overflow the batch size).
        let batch = max(200, min(request.count, order.count) * 20)
        while results.count < request.count && start < order.count {
            let slice = order[start..<min(order.count, start + batch)].filter { !seedIDs.contains(space.ids[$0.0]) }
            start += batch
            let info = try metadata(db, ids: slice.map { space.ids[$0.0] })
            for (i, distance) in slice where results.count < request.count {
                let id = space.ids[i]
                guard let track = info[id], passes(track, request), !songs.contains(title: track.name, artists: track.artists) else { continue }
                if let cap = request.filters.maxPerArtist, let lead = track.artists.first {
                    guard perArtist[lead, default: 0] < cap else { continue }
                    perArtist[lead, default: 0] += 1
                }
                _ = songs.insert(title: track.name, artists: track.artists)
                results.append(make(track, distance: distance, request: request, seed: seed, cluster: clusters[id],
                                    closest: Self.closestFeatures(space.points[i], profile)))
            }
        }
        return RecommendationAnswer(results: Self.ranked(results), source: .exactSearch(tracks: space.ids.count))
    }

    // MARK: - Pieces

    /// The ranking rule: lowest score first, ties by track id.
    static func ranked(_ results: [Recommendation]) -> [Recommendation] {
        results.sorted { ($0.score, $0.trackID) < ($1.score, $1.trackID) }
    }

    /// Distances as the neighbours table stores them (5 decimals), so both paths measure alike.
    static func rounded(_ distance: Double) -> Double { JSON.round(distance, 5) }

    struct TrackInfo {
        var id: String
        var name: String
        var artists: [String]
        var genres: [String]
        var popularity: Int?
        var explicit: Bool?
        var camelot: CamelotCode?
    }

    /// What the seeds share, for the bonuses and the reasons.
    struct SeedSummary {
        var artists: Set<String>
        var genres: Set<String>
        var camelot: CamelotCode?
        var topCluster: Int?

        init(tracks: [TrackInfo], clusters: [Int: Int]) {
            artists = Set(tracks.flatMap(\.artists))
            genres = Set(tracks.flatMap(\.genres))
            camelot = tracks.count == 1 ? tracks[0].camelot : nil
            topCluster = clusters.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
        }
    }

    /// The weighted mean of the seeds' points.
    func profile(_ request: RecommendationRequest, space: RecommendationSpace) -> [Double]? {
        var sum = [Double](repeating: 0, count: Self.features.count), weight = 0.0
        for seed in request.seeds {
            guard let i = space.index[seed.trackID] else { continue }
            for d in sum.indices { sum[d] += seed.weight * space.points[i][d] }
            weight += seed.weight
        }
        return weight > 0 ? sum.map { $0 / weight } : nil
    }

    func passes(_ track: TrackInfo, _ request: RecommendationRequest) -> Bool {
        if let genre = request.filters.genre, !track.genres.contains(where: { $0.caseInsensitiveCompare(genre) == .orderedSame }) { return false }
        return request.filters.admits(artists: track.artists, explicit: track.explicit, popularity: track.popularity)
    }

    func make(_ track: TrackInfo, distance: Double, request: RecommendationRequest, seed: SeedSummary, cluster: Int?,
              closest: [String]?) -> Recommendation {
        let shared = track.genres.filter(seed.genres.contains)
        let union = Set(track.genres).union(seed.genres)
        let jaccard = union.isEmpty ? 0 : Double(shared.count) / Double(union.count)
        let sameCluster = seed.topCluster != nil && cluster == seed.topCluster
        let score = distance - request.genreWeight * jaccard - (sameCluster ? request.clusterWeight : 0)
        var reasons: [String] = []
        let sameArtists = track.artists.filter(seed.artists.contains)
        if !sameArtists.isEmpty { reasons.append("same artist: " + sameArtists.joined(separator: ", ")) }
        if let closest, !closest.isEmpty { reasons.append("similar " + closest.joined(separator: ", ")) }
        if closest == nil { reasons.append("nearest neighbour of the seed") }
        if !shared.isEmpty { reasons.append("shares " + shared.prefix(3).joined(separator: ", ")) }
        if let a = seed.camelot, let b = track.camelot, a.isCompatible(with: b) {
            reasons.append(a == b ? "same key (\(a))" : "compatible key (\(a) → \(b))")
        }
        if sameCluster { reasons.append("same cluster") }
        return Recommendation(trackID: track.id, trackName: track.name, artists: track.artists, genres: track.genres,
                              popularity: track.popularity, distance: distance, score: score, reasons: reasons)
    }

    /// The three features on which a candidate is closest to the profile.
    static func closestFeatures(_ point: [Double], _ profile: [Double]) -> [String] {
        features.indices.sorted { (abs(point[$0] - profile[$0]), $0) < (abs(point[$1] - profile[$1]), $1) }.prefix(3).map { features[$0] }
    }

    func metadata(_ db: Database, ids: [String]) throws -> [String: TrackInfo] {
        var info: [String: TrackInfo] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min(ids.count, $0 + 500)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: """
                SELECT track_id, track_name, artists, genres, popularity, explicit, key, mode FROM v_tracks WHERE track_id IN (\(marks))
                """, arguments: StatementArguments(chunk)) {
                let id: String = row["track_id"]
                let key: Int? = row["key"], mode: Int? = row["mode"]
                info[id] = TrackInfo(id: id, name: row["track_name"],
                                     artists: (row["artists"] as String?)?.split(separator: ";").map(String.init) ?? [],
                                     genres: (row["genres"] as String?)?.split(separator: ";").map(String.init) ?? [],
                                     popularity: row["popularity"], explicit: row["explicit"],
                                     camelot: key.flatMap { key in mode.flatMap { CamelotCode(key: key, mode: $0) } })
            }
        }
        return info
    }

    /// The champion neighbours of a track, if the table saw the newest data.
    func freshNeighbours(_ db: Database, of trackID: String) throws -> (runID: Int64, neighbours: [(id: String, distance: Double)])? {
        guard let champion = try ModelRuns.champion(db, task: .neighbours, featureSet: .audio),
              (champion.dataIngestID ?? -1) == (try DataVersion.read(db).newestIngestID ?? 0) else { return nil }
        let rows = try Row.fetchAll(db, sql: "SELECT neighbour_track_id, distance FROM track_neighbours WHERE run_id = ? AND track_id = ? ORDER BY rank",
                                    arguments: [champion.runID, trackID])
        return rows.isEmpty ? nil : (champion.runID, rows.map { ($0[0], $0[1]) })
    }

    func clusterCounts(_ db: Database, ids: [String]) throws -> [Int: Int] {
        var counts: [Int: Int] = [:]
        for cluster in try clusterOf(db, ids: ids).values { counts[cluster, default: 0] += 1 }
        return counts
    }

    func clusterOf(_ db: Database, ids: [String]) throws -> [String: Int] {
        guard !ids.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        var clusters: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT track_id, cluster_id FROM v_track_clusters WHERE track_id IN (\(marks))",
                                    arguments: StatementArguments(ids)) { clusters[row[0]] = row[1] }
        return clusters
    }

    func clusterOfAll(_ db: Database) throws -> [String: Int] {
        // The champion's assignments (the view names the champion).
        var clusters: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT track_id, cluster_id FROM v_track_clusters") { clusters[row[0]] = row[1] }
        return clusters
    }
}

/// The standardized audio space (the one clusters and neighbours are trained in), rows as arrays with an id index.
/// Loading it reads every track's features; the web app keeps one per data stamp.
public struct RecommendationSpace: Sendable {
    var ids: [String]
    var points: [[Double]]
    var index: [String: Int]

    public var trackCount: Int { ids.count }

    public static func load(_ reader: WarehouseReader) throws -> RecommendationSpace { try load(reader.db) }

    static func load(_ db: Database) throws -> RecommendationSpace {
        let space = try AudioSpace.read(db)
        let d = AudioSpace.columns.count, values = space.standardized.values
        let points = space.trackIDs.indices.map { Array(values[($0 * d)..<(($0 + 1) * d)]) }
        return RecommendationSpace(ids: space.trackIDs, points: points,
                                   index: Dictionary(space.trackIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }))
    }
}
