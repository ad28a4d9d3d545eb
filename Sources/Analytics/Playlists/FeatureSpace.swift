import GRDB

/// Every track with all nine audio features, standardized (z-scores over the whole warehouse) so
/// tempo in BPM and valence in 0...1 weigh the same in a distance.
struct FeatureSpace {
    var tracks: [PlaylistTrack]
    /// Standardized `TrackFeature.audio` values, one array per track, parallel to `tracks`.
    var points: [[Double]]
    var means: [Double]
    var deviations: [Double]

    static func load(_ db: Database) throws -> FeatureSpace {
        let features = TrackFeature.audio.map { "f." + $0.rawValue }
        let rows = try Row.fetchAll(db, sql: """
            SELECT t.track_id, t.name, t.duration_ms, t.id_is_derived, f.key, f.mode,
                (SELECT group_concat(name, ';') FROM (
                    SELECT a.name FROM track_artists ta JOIN artists a ON a.artist_id = ta.artist_id
                    WHERE ta.track_id = t.track_id ORDER BY ta.position)) AS artists,
                \(features.joined(separator: ", "))
            FROM tracks t JOIN audio_features f ON f.track_id = t.track_id
            WHERE \(features.map { $0 + " IS NOT NULL" }.joined(separator: " AND "))
            ORDER BY t.track_id
            """)
        let tracks = rows.map { row in
            let artists: String? = row["artists"]
            let key: Int? = row["key"]
            return PlaylistTrack(
                trackID: row["track_id"], name: row["name"],
                artists: artists.map { $0.split(separator: ";").map(String.init) } ?? [],
                durationMS: row["duration_ms"], idIsDerived: row["id_is_derived"],
                features: (0..<features.count).map { row[7 + $0] },
                key: key == -1 ? nil : key, mode: row["mode"])
        }
        return FeatureSpace(tracks: tracks)
    }

    init(tracks: [PlaylistTrack]) {
        self.tracks = tracks
        let dimensions = TrackFeature.audio.count
        let count = Double(max(tracks.count, 1))
        means = (0..<dimensions).map { d in tracks.reduce(0) { $0 + $1.features[d] } / count }
        deviations = (0..<dimensions).map { [means] d in
            let variance = tracks.reduce(0) { $0 + ($1.features[d] - means[d]) * ($1.features[d] - means[d]) } / count
            return variance > 0 ? variance.squareRoot() : 1
        }
        points = tracks.map { [means, deviations] track in
            (0..<dimensions).map { (track.features[$0] - means[$0]) / deviations[$0] }
        }
    }

    func standardized(_ value: Double, _ feature: TrackFeature) -> Double {
        let d = TrackFeature.audio.firstIndex(of: feature)!
        return (value - means[d]) / deviations[d]
    }
}
