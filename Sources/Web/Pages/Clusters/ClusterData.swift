import Analytics
import Store

/// The clusters champion: a PCA map of tracks coloured by cluster, and each cluster's profile and playlist.
struct ClusterData: Encodable, Sendable {
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
        /// Standard deviations from the mean clustered track.
        var sdFromMean: Double
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
        /// Generated from the centroid by Analytics (`ClusterProfile.name`).
        var name: String
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

    static let features = TrackFeature.audio.map(\.rawValue)
    static let sampleLimit = 3000

    static func load(_ reader: WarehouseReader) throws -> ClusterData {
        let run = try RunInfo.champion(reader, task: .clusters)
        let d = features.count
        let map = try ClusterMap.read(reader, runID: run?.runID)
        let ids = map.trackIDs, values = map.values, labels = map.clusters
        guard !ids.isEmpty else {
            return ClusterData(run: run, silhouette: nil, pca: nil, tracksWithFeatures: 0, points: [], clusters: [])
        }
        let pca = PCA.fit(values, features: features)
        let step = max(1, Int((Double(ids.count) / Double(sampleLimit)).rounded(.up)))
        let sampled = Array(stride(from: 0, to: ids.count, by: step))
        let names = try TrackRef.fetch(reader, ids: sampled.map { ids[$0] })
        let points = sampled.map { i -> Point in
            let xy = pca.project(values[(i * d)..<((i + 1) * d)])
            return Point(trackID: ids[i], x: xy[0], y: xy.count > 1 ? xy[1] : 0, cluster: labels[i], label: names[ids[i]]?.label ?? ids[i])
        }
        guard let run else {
            return ClusterData(run: nil, silhouette: nil, pca: pca, tracksWithFeatures: ids.count, points: points, clusters: [])
        }
        let profiles = try ClusterProfile.fetch(reader, runID: run.runID, genres: 5, tracks: 10).map { p in
            Profile(clusterID: p.clusterID, name: p.name, size: p.size,
                    centroid: zip(p.centroid, p.standardized).map { FeatureValue(feature: $0.0.feature, value: $0.0.value, sdFromMean: $0.1.z) },
                    topGenres: p.topGenres.map { GenreCount(genre: $0.genre, tracks: $0.tracks) },
                    typical: p.typicalTracks.map { TypicalTrack(track: TrackRef(trackID: $0.trackID, name: $0.name, artists: $0.artists), distance: $0.distance) })
        }
        return ClusterData(run: run, silhouette: run.numericMetrics["silhouette"], pca: pca, tracksWithFeatures: ids.count,
                           points: points, clusters: profiles)
    }
}
