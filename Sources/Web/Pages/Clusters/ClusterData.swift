import GRDB

/// The clusters champion: a PCA map of tracks coloured by cluster, and each cluster's profile and playlist.
struct ClusterData: Codable, Sendable {
    struct Point: Codable, Sendable {
        var trackID: String
        var x: Double
        var y: Double
        var cluster: Int
        var label: String
    }

    struct FeatureValue: Codable, Sendable {
        var feature: String
        var value: Double
    }

    struct GenreCount: Codable, Sendable {
        var genre: String
        var tracks: Int
    }

    struct TypicalTrack: Codable, Sendable {
        var track: TrackRef
        var distance: Double
    }

    struct Profile: Codable, Sendable {
        var clusterID: Int
        var size: Int
        var centroid: [FeatureValue]
        var topGenres: [GenreCount]
        var typical: [TypicalTrack]
    }

    var run: RunInfo?
    var silhouette: Double?
    var pca: PCA?
    var tracksWithFeatures: Int
    var points: [Point]
    var clusters: [Profile]

    static let features = ["danceability", "energy", "loudness", "speechiness", "acousticness", "instrumentalness", "liveness", "valence", "tempo"]
    static let sampleLimit = 3000

    static func load(_ db: Database) throws -> ClusterData {
        let run = try RunInfo.champion(db, task: "clusters")
        let d = features.count
        var ids: [String] = [], values: [Double] = [], labels: [Int] = []
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT f.track_id, \(features.map { "f." + $0 }.joined(separator: ", ")), c.cluster_id
            FROM v_audio_features f LEFT JOIN cluster_assignments c ON c.run_id = ? AND c.track_id = f.track_id
            ORDER BY f.track_id
            """, arguments: [run?.runID ?? -1])
        while let row = try cursor.next() {
            ids.append(row[0])
            for c in 0..<d { values.append(row[c + 1]) }
            labels.append((row[d + 1] as Int?) ?? -1)
        }
        guard !ids.isEmpty else {
            return ClusterData(run: run, silhouette: nil, pca: nil, tracksWithFeatures: 0, points: [], clusters: [])
        }
        let pca = PCA.fit(values, features: features)
        let step = max(1, Int((Double(ids.count) / Double(sampleLimit)).rounded(.up)))
        let sampled = Array(stride(from: 0, to: ids.count, by: step))
        let names = try TrackRef.fetch(db, ids: sampled.map { ids[$0] })
        let points = sampled.map { i -> Point in
            let xy = pca.project(values[(i * d)..<((i + 1) * d)])
            return Point(trackID: ids[i], x: xy[0], y: xy.count > 1 ? xy[1] : 0, cluster: labels[i], label: names[ids[i]]?.label ?? ids[i])
        }
        guard let run else {
            return ClusterData(run: nil, silhouette: nil, pca: pca, tracksWithFeatures: ids.count, points: points, clusters: [])
        }
        var sizes: [Int: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT cluster_id, count(*) FROM cluster_assignments WHERE run_id = ? GROUP BY cluster_id", arguments: [run.runID]) {
            sizes[row[0]] = row[1]
        }
        var centroids: [Int: [FeatureValue]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT cluster_id, feature, value FROM cluster_centroids WHERE run_id = ?", arguments: [run.runID]) {
            centroids[row[0], default: []].append(FeatureValue(feature: row[1], value: row[2]))
        }
        var genres: [Int: [GenreCount]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT c.cluster_id, g.name, count(*) AS n FROM cluster_assignments c
            JOIN track_genres tg ON tg.track_id = c.track_id JOIN genres g ON g.genre_id = tg.genre_id
            WHERE c.run_id = ? GROUP BY c.cluster_id, g.name ORDER BY c.cluster_id, n DESC, g.name
            """, arguments: [run.runID]) {
            let id: Int = row[0]
            if genres[id, default: []].count < 5 { genres[id, default: []].append(GenreCount(genre: row[1], tracks: row[2])) }
        }
        let typicalRows = try Row.fetchAll(db, sql: """
            SELECT cluster_id, track_id, distance FROM (
                SELECT cluster_id, track_id, distance, row_number() OVER (PARTITION BY cluster_id ORDER BY distance, track_id) AS rn
                FROM cluster_assignments WHERE run_id = ?)
            WHERE rn <= 40 ORDER BY cluster_id, rn
            """, arguments: [run.runID])
        let typicalNames = try TrackRef.fetch(db, ids: typicalRows.map { $0["track_id"] })
        var typical: [Int: [TypicalTrack]] = [:]
        // The dumps repeat a song on several albums: one entry per artists and title.
        var seen = Set<String>()
        for row in typicalRows {
            let id: String = row["track_id"], cluster: Int = row["cluster_id"]
            let track = typicalNames[id] ?? TrackRef(trackID: id, name: id, artists: "")
            guard typical[cluster, default: []].count < 10, seen.insert("\(cluster)|" + track.label.lowercased()).inserted else { continue }
            typical[cluster, default: []].append(TypicalTrack(track: track, distance: row["distance"]))
        }
        let order = Dictionary(uniqueKeysWithValues: features.enumerated().map { ($1, $0) })
        let profiles = sizes.keys.sorted().map { id in
            Profile(clusterID: id, size: sizes[id] ?? 0,
                    centroid: (centroids[id] ?? []).sorted { (order[$0.feature] ?? 99) < (order[$1.feature] ?? 99) },
                    topGenres: genres[id] ?? [], typical: typical[id] ?? [])
        }
        return ClusterData(run: run, silhouette: run.numericMetrics["silhouette"], pca: pca, tracksWithFeatures: ids.count,
                           points: points, clusters: profiles)
    }
}
