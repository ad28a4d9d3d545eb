import Core
import GRDB

/// Builds a playlist in two steps: pick the tracks nearest the target in standardized audio-feature
/// space (one per song), then order them for smooth listening with `TransitionCost.smoothOrder`.
public struct PlaylistBuilder: Sendable {
    public var cost = TransitionCost()

    public init() {}

    func build(_ request: PlaylistRequest, in db: Database) throws -> Playlist {
        let candidates = try self.candidates(request, in: db)
        let ordered = cost.smoothOrder(candidates.tracks, startingAt: candidates.start)
        return Playlist(tracks: ordered, seed: candidates.seed, transitionCost: cost.total(ordered))
    }

    func candidates(_ request: PlaylistRequest, in db: Database) throws -> PlaylistCandidates {
        guard request.count > 0 else { throw AnalyticsError.notAnswerable("a playlist needs at least one track") }
        if let feature = request.mood.keys.first(where: { !TrackFeature.audio.contains($0) }) {
            throw AnalyticsError.notAnswerable("a mood can only name audio features, and \(feature.name) is not one")
        }
        let space = try FeatureSpace.load(db)
        let seed = try request.seed.map { try NameLookup.track($0, in: db) }
        let seedIndex = try seed.map { seed in
            guard let index = space.ids.firstIndex(of: seed.trackID) else {
                throw AnalyticsError.notAnswerable("the seed track \(seed.label) has no audio features to compare with")
            }
            return index
        }
        var pool = Array(space.ids.indices)
        if let genre = request.genre {
            let name = try NameLookup.genre(genre, in: db)
            let members = Set(try String.fetchAll(db, sql: """
                SELECT tg.track_id FROM track_genres tg JOIN genres g ON g.genre_id = tg.genre_id WHERE g.name = ?
                """, arguments: [name]))
            pool = pool.filter { members.contains(space.ids[$0]) }
            if pool.isEmpty { throw AnalyticsError.notAnswerable("no track in genre '\(name)' has audio features") }
        }
        if let cluster = request.cluster {
            let members = try Self.clusterMembers(cluster, in: db)
            pool = pool.filter { members.contains(space.ids[$0]) }
            if pool.isEmpty {
                throw AnalyticsError.notAnswerable("no track of cluster \(cluster)"
                    + (request.genre.map { " in genre '\($0)'" } ?? "") + " has audio features")
            }
        }
        guard !pool.isEmpty else { throw AnalyticsError.notAnswerable("no track in the warehouse has audio features") }

        let target = self.target(request, space: space, pool: pool, seed: seedIndex)
        let ranked = pool.filter { $0 != seedIndex }
            .map { (index: $0, distance: Self.distance(space.points[$0], target)) }
            .sorted { ($0.distance, space.ids[$0.index]) < ($1.distance, space.ids[$1.index]) }

        // One release per song: names are read a batch of the nearest at a time, until the playlist is full.
        var chosen = try space.tracks(seedIndex.map { [$0] } ?? [], in: db)
        var songs = SongSet()
        for (_, track) in chosen { songs.insert(title: track.name, artists: track.artists) }
        var next = ranked.startIndex
        while chosen.count < request.count, next < ranked.endIndex {
            let batch = ranked[next..<min(next + max(2 * (request.count - chosen.count), 32), ranked.endIndex)]
            next = batch.endIndex
            for named in try space.tracks(batch.map(\.index), in: db) where chosen.count < request.count {
                if songs.insert(title: named.track.name, artists: named.track.artists) { chosen.append(named) }
            }
        }
        let start = seedIndex == nil ? centralIndex(chosen.map { space.points[$0.index] }) : 0
        return PlaylistCandidates(tracks: chosen.map(\.track), seed: seed, start: start)
    }

    /// The point to be near, with NaN in dimensions that do not matter: the seed (or the pool's centre
    /// when a genre or cluster is given), with mood values overriding their dimensions; a mood alone only
    /// constrains the features it names.
    private func target(_ request: PlaylistRequest, space: FeatureSpace, pool: [Int], seed: Int?) -> [Double] {
        var target: [Double]
        if let seed {
            target = space.points[seed]
        } else if request.genre != nil || request.cluster != nil || request.mood.isEmpty {
            target = centroid(pool.map { space.points[$0] })
        } else {
            target = Array(repeating: .nan, count: TrackFeature.audio.count)
        }
        for (feature, value) in request.mood {
            target[TrackFeature.audio.firstIndex(of: feature)!] = space.standardized(value, feature)
        }
        return target
    }

    /// Tracks of `cluster` in the newest champion clusters run.
    static func clusterMembers(_ cluster: Int, in db: Database) throws -> Set<String> {
        guard let run = try ModelRuns.champions(db).last(where: { $0.task == .clusters })?.runID
        else { throw AnalyticsError.noChampion(task: "clusters") }
        let members = Set(try String.fetchAll(db, sql: "SELECT track_id FROM cluster_assignments WHERE run_id = ? AND cluster_id = ?",
                                              arguments: [run, cluster]))
        if members.isEmpty {
            let known = try Int.fetchAll(db, sql: "SELECT DISTINCT cluster_id FROM cluster_assignments WHERE run_id = ? ORDER BY 1",
                                         arguments: [run])
            throw AnalyticsError.notAnswerable("the clusters model (run \(run)) has no cluster \(cluster); its clusters are "
                + known.map(String.init).joined(separator: ", "))
        }
        return members
    }

    static func distance(_ point: [Double], _ target: [Double]) -> Double {
        var sum = 0.0
        for d in point.indices where !target[d].isNaN { sum += (point[d] - target[d]) * (point[d] - target[d]) }
        return sum
    }

    private func centroid(_ points: [[Double]]) -> [Double] {
        let dimensions = TrackFeature.audio.count
        return (0..<dimensions).map { d in points.reduce(0) { $0 + $1[d] } / Double(points.count) }
    }

    /// The track nearest the middle of the chosen ones: a natural opening when there is no seed.
    private func centralIndex(_ points: [[Double]]) -> Int {
        let centre = centroid(points)
        return points.indices.min { Self.distance(points[$0], centre) < Self.distance(points[$1], centre) } ?? 0
    }
}
