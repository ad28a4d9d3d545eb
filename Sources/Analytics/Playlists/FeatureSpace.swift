import GRDB

/// Every track with all nine audio features, standardized (z-scores over the whole warehouse, by the one rule
/// `AudioSpace.moments`) so tempo in BPM and valence in 0...1 weigh the same in a distance. It holds numbers and ids only: names and
/// artists are read for the few tracks a playlist keeps (`tracks(_:in:)`), not for every track.
struct FeatureSpace {
    var ids: [String]
    /// Raw values of `TrackFeature.audio`, one array per track, parallel to `ids`.
    var features: [[Double]]
    var keys: [Int?]
    var modes: [Int?]
    /// Standardized `TrackFeature.audio` values, one array per track, parallel to `ids`.
    var points: [[Double]]
    var means: [Double]
    var deviations: [Double]

    static func load(_ db: Database) throws -> FeatureSpace {
        let features = TrackFeature.audio.map { "f." + $0.rawValue }
        var space = FeatureSpace(ids: [], features: [], keys: [], modes: [], points: [], means: [], deviations: [])
        let rows = try Row.fetchCursor(db, sql: """
            SELECT f.track_id, f.key, f.mode, \(features.joined(separator: ", "))
            FROM audio_features f
            WHERE \(features.map { $0 + " IS NOT NULL" }.joined(separator: " AND "))
            ORDER BY f.track_id
            """)
        while let row = try rows.next() {
            space.ids.append(row[0])
            let key: Int? = row[1]
            space.keys.append(key == -1 ? nil : key)
            space.modes.append(row[2])
            space.features.append((0..<features.count).map { row[3 + $0] })
        }
        space.standardize()
        return space
    }

    private mutating func standardize() {
        let dimensions = TrackFeature.audio.count
        (means, deviations) = AudioSpace.moments(features.flatMap { $0 }, columns: dimensions)
        points = features.map { [means, deviations] values in
            (0..<dimensions).map { (values[$0] - means[$0]) / deviations[$0] }
        }
    }

    /// The tracks at `indices`, named: one query for all of them, in the order given, each with its index.
    func tracks(_ indices: [Int], in db: Database) throws -> [(index: Int, track: PlaylistTrack)] {
        guard !indices.isEmpty else { return [] }
        let ids = indices.map { self.ids[$0] }
        var named: [String: Row] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT t.track_id, t.name, t.duration_ms, t.id_is_derived,
                (SELECT group_concat(name, ';') FROM (
                    SELECT a.name FROM track_artists ta JOIN artists a ON a.artist_id = ta.artist_id
                    WHERE ta.track_id = t.track_id ORDER BY ta.position)) AS artists
            FROM tracks t WHERE t.track_id IN (\(databaseQuestionMarks(count: ids.count)))
            """, arguments: StatementArguments(ids)) {
            named[row["track_id"]] = row
        }
        return indices.compactMap { index in
            guard let row = named[self.ids[index]] else { return nil }
            let artists: String? = row["artists"]
            return (index, PlaylistTrack(
                trackID: self.ids[index], name: row["name"], artists: artists.map { $0.split(separator: ";").map(String.init) } ?? [],
                durationMS: row["duration_ms"], idIsDerived: row["id_is_derived"], features: features[index],
                key: keys[index], mode: modes[index]))
        }
    }

    func standardized(_ value: Double, _ feature: TrackFeature) -> Double {
        let d = TrackFeature.audio.firstIndex(of: feature)!
        return (value - means[d]) / deviations[d]
    }
}
