import GRDB
@_spi(WarehouseSQL) import Store

/// Audio features read column by column, for histograms, correlations and maps.
public enum FeatureColumns {
    /// Every column of `audio_features`; `key`, `mode` and `time_signature` are discrete.
    public static let audio = ["danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness",
                               "instrumentalness", "liveness", "valence", "tempo", "time_signature"]
    public static let discrete: Set<String> = ["key", "mode", "time_signature"]

    /// Every row of `audio_features`, one column per feature of `audio`; NaN where a value is missing.
    public static func audio(_ reader: WarehouseReader) throws -> [[Double]] {
        let features = audio
        var columns = [[Double]](repeating: [], count: features.count)
        let cursor = try Row.fetchCursor(reader.db, sql: "SELECT \(features.joined(separator: ", ")) FROM audio_features")
        while let row = try cursor.next() {
            for c in features.indices { columns[c].append((row[c] as Double?) ?? .nan) }
        }
        return columns
    }
}

/// Tracks with the nine audio features (`TrackFeature.audio`), in track id order, with their cluster in one clusters run (-1: none).
public struct ClusterMap: Sendable {
    public var trackIDs: [String] = []
    /// Row-major, `features.count` values per track.
    public var values: [Double] = []
    public var clusters: [Int] = []

    public static func read(_ reader: WarehouseReader, runID: Int64?) throws -> ClusterMap {
        var map = ClusterMap()
        let features = TrackFeature.audio
        let d = features.count
        let cursor = try Row.fetchCursor(reader.db, sql: """
            SELECT f.track_id, \(features.map { "f." + $0.rawValue }.joined(separator: ", ")), c.cluster_id
            FROM v_audio_features f LEFT JOIN cluster_assignments c ON c.run_id = ? AND c.track_id = f.track_id
            ORDER BY f.track_id
            """, arguments: [runID ?? -1])
        while let row = try cursor.next() {
            map.trackIDs.append(row[0])
            for c in 0..<d { map.values.append(row[c + 1]) }
            map.clusters.append((row[d + 1] as Int?) ?? -1)
        }
        return map
    }
}
