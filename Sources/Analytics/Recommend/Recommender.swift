import Foundation
import GRDB

/// Recommends tracks near a taste profile: the weighted mean of the seeds in standardized audio space,
/// blended with genre and cluster agreement. For one seed and no filters it reads the champion neighbours
/// table when that is fresh; otherwise it computes distances to every track exactly.
public struct Recommender {
    static let features = AudioSpace.columns

    public init() {}

    public func recommend(_ request: RecommendationRequest, in db: Database) throws -> (results: [Recommendation], usedNeighbourTable: Bool) {
        guard !request.seeds.isEmpty else { throw AnalyticsError.notAnswerable("give at least one seed track, an artist or a history file") }
        let seedIDs = Set(request.seeds.map(\.trackID))
        let seedInfo = try metadata(db, ids: Array(seedIDs))
        // Other rows of the same song (same title and artists, another id) never come back either.
        let seedKeys = Set(seedInfo.values.map { Self.songKey($0.name, $0.artists) })
        let seedGenres = Set(seedInfo.values.flatMap(\.genres))
        let seedClusters = try clusterCounts(db, ids: Array(seedIDs))
        let topCluster = seedClusters.max { $0.value < $1.value }?.key

        if request.seeds.count == 1, !request.hasFilters, let fresh = try freshNeighbours(db, of: request.seeds[0].trackID),
           fresh.count >= request.count {
            let info = try metadata(db, ids: fresh.map(\.id))
            let clusters = try clusterOf(db, ids: fresh.map(\.id))
            var songs = seedKeys
            let results = fresh.compactMap { id, distance -> Recommendation? in
                guard let track = info[id], songs.insert(Self.songKey(track.name, track.artists)).inserted else { return nil }
                return make(track, distance: distance, request: request, seedGenres: seedGenres, sameCluster: topCluster != nil && clusters[id] == topCluster,
                            closest: nil)
            }
            // Stored neighbours that are copies of one song leave too few: fall through to the exact search.
            if results.count >= request.count { return (Array(results.prefix(request.count)), true) }
        }

        let space = try Self.loadSpace(db)
        guard let profile = profile(request, space: space) else {
            throw AnalyticsError.notAnswerable("the seed tracks have no audio features to compare with")
        }
        var order = (0..<space.ids.count).map { i -> (Int, Double) in
            var squared = 0.0
            for d in 0..<Self.features.count { let diff = space.points[i][d] - profile[d]; squared += diff * diff }
            return (i, squared.squareRoot())
        }
        order.sort { $0.1 < $1.1 }
        let clusters = try clusterOfAll(db)
        // Walk outwards in batches: re-rank each batch with the genre and cluster bonuses, apply the filters.
        var results: [Recommendation] = []
        var perArtist: [String: Int] = [:]
        // One result per song: the dumps repeat a song under several ids (albums), and the seeds' songs never come back.
        var songs = seedKeys
        var start = 0
        let batch = max(200, request.count * 20)
        while results.count < request.count && start < order.count {
            let slice = order[start..<min(order.count, start + batch)].filter { !seedIDs.contains(space.ids[$0.0]) }
            start += batch
            let info = try metadata(db, ids: slice.map { space.ids[$0.0] })
            var candidates: [Recommendation] = []
            for (i, distance) in slice {
                let id = space.ids[i]
                guard let track = info[id], passes(track, request), !songs.contains(Self.songKey(track.name, track.artists)) else { continue }
                let closest = Self.closestFeatures(space.points[i], profile)
                candidates.append(make(track, distance: distance, request: request, seedGenres: seedGenres,
                                       sameCluster: topCluster != nil && clusters[id] == topCluster, closest: closest))
            }
            for candidate in candidates.sorted(by: { $0.score < $1.score }) where results.count < request.count {
                guard songs.insert(Self.songKey(candidate.trackName, candidate.artists)).inserted else { continue }
                if let cap = request.maxPerArtist, let lead = candidate.artists.first {
                    guard perArtist[lead, default: 0] < cap else { continue }
                    perArtist[lead, default: 0] += 1
                }
                results.append(candidate)
            }
        }
        return (results, false)
    }

    // MARK: - Pieces

    struct TrackInfo {
        var id: String
        var name: String
        var artists: [String]
        var genres: [String]
        var popularity: Int?
        var explicit: Bool?
    }

    /// The standardized audio space (shared with clusters and neighbours), with rows as arrays and an id index.
    struct Space {
        var ids: [String]
        var points: [[Double]]
        var index: [String: Int]
    }

    static func loadSpace(_ db: Database) throws -> Space {
        let space = try AudioSpace.read(db)
        let d = AudioSpace.columns.count, values = space.standardized.values
        let points = space.trackIDs.indices.map { Array(values[($0 * d)..<(($0 + 1) * d)]) }
        return Space(ids: space.trackIDs, points: points,
                     index: Dictionary(uniqueKeysWithValues: space.trackIDs.enumerated().map { ($1, $0) }))
    }

    /// The weighted mean of the seeds' points.
    func profile(_ request: RecommendationRequest, space: Space) -> [Double]? {
        var sum = [Double](repeating: 0, count: Self.features.count), weight = 0.0
        for seed in request.seeds {
            guard let i = space.index[seed.trackID] else { continue }
            for d in sum.indices { sum[d] += seed.weight * space.points[i][d] }
            weight += seed.weight
        }
        return weight > 0 ? sum.map { $0 / weight } : nil
    }

    func passes(_ track: TrackInfo, _ request: RecommendationRequest) -> Bool {
        if let genre = request.genre, !track.genres.contains(where: { $0.caseInsensitiveCompare(genre) == .orderedSame }) { return false }
        if track.artists.contains(where: { request.excludedArtists.contains($0.lowercased()) }) { return false }
        if let explicit = request.explicit, track.explicit != explicit { return false }
        if let low = request.minPopularity, (track.popularity ?? -1) < low { return false }
        if let high = request.maxPopularity, (track.popularity ?? 101) > high { return false }
        return true
    }

    func make(_ track: TrackInfo, distance: Double, request: RecommendationRequest, seedGenres: Set<String>, sameCluster: Bool,
              closest: [String]?) -> Recommendation {
        let shared = track.genres.filter(seedGenres.contains)
        let union = Set(track.genres).union(seedGenres)
        let jaccard = union.isEmpty ? 0 : Double(shared.count) / Double(union.count)
        let score = distance - request.genreWeight * jaccard - (sameCluster ? request.clusterWeight : 0)
        var reasons: [String] = []
        if let closest, !closest.isEmpty { reasons.append("similar " + closest.joined(separator: ", ")) }
        if closest == nil { reasons.append("nearest neighbour of the seed") }
        if !shared.isEmpty { reasons.append("shares " + shared.joined(separator: ", ")) }
        if sameCluster { reasons.append("same cluster") }
        return Recommendation(trackID: track.id, trackName: track.name, artists: track.artists, genres: track.genres,
                              popularity: track.popularity, distance: distance, score: score, reason: reasons.joined(separator: "; "))
    }

    /// The three features on which a candidate is closest to the profile.
    static func closestFeatures(_ point: [Double], _ profile: [Double]) -> [String] {
        features.indices.sorted { abs(point[$0] - profile[$0]) < abs(point[$1] - profile[$1]) }.prefix(3).map { features[$0] }
    }

    /// What makes two rows one song: the artists and the title without a version suffix, so "Song",
    /// "Song - Remastered 2011", "Song (feat. X)" and "Song [Live]" by the same artists are one song.
    static func songKey(_ name: String, _ artists: [String]) -> String {
        var title = name.lowercased()
        if let cut = [" - ", " (", " ["].compactMap({ title.range(of: $0)?.lowerBound }).min(), cut > title.startIndex {
            title = String(title[..<cut])
        }
        return title.trimmingCharacters(in: .whitespaces) + "\u{1F}" + artists.map { $0.lowercased() }.joined(separator: ";")
    }

    func metadata(_ db: Database, ids: [String]) throws -> [String: TrackInfo] {
        var info: [String: TrackInfo] = [:]
        for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min(ids.count, $0 + 500)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            for row in try Row.fetchAll(db, sql: "SELECT track_id, track_name, artists, genres, popularity, explicit FROM v_tracks WHERE track_id IN (\(marks))",
                                        arguments: StatementArguments(chunk)) {
                let id: String = row["track_id"]
                info[id] = TrackInfo(id: id, name: row["track_name"],
                                     artists: (row["artists"] as String?)?.split(separator: ";").map(String.init) ?? [],
                                     genres: (row["genres"] as String?)?.split(separator: ";").map(String.init) ?? [],
                                     popularity: row["popularity"], explicit: row["explicit"])
            }
        }
        return info
    }

    /// The champion neighbours of a track, if the table saw the newest data.
    func freshNeighbours(_ db: Database, of trackID: String) throws -> [(id: String, distance: Double)]? {
        guard let champion = try ModelRuns.champion(db, task: .neighbours, featureSet: .audio),
              (champion.dataIngestID ?? -1) == (try DataVersion.read(db).newestIngestID ?? 0) else { return nil }
        let rows = try Row.fetchAll(db, sql: "SELECT neighbour_track_id, distance FROM track_neighbours WHERE run_id = ? AND track_id = ? ORDER BY rank",
                                    arguments: [champion.runID, trackID])
        return rows.isEmpty ? nil : rows.map { ($0[0], $0[1]) }
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
        var clusters: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT c.track_id, c.cluster_id FROM cluster_assignments c JOIN model_runs r USING (run_id)
            WHERE r.task = 'clusters' AND r.is_champion = 1
            """) { clusters[row[0]] = row[1] }
        return clusters
    }
}
