import Core
import GRDB

/// How a cluster of a clusters run reads: its size, centroid, most common genres and most typical tracks.
/// `jukebox models show` and the web app's clusters page both describe clusters through this.
public struct ClusterProfile: Sendable {
    public struct TypicalTrack: Sendable {
        public var trackID: String
        public var name: String
        /// Credited artists joined by ';' (as in v_tracks).
        public var artists: String
        /// Distance to the centroid in standardized units.
        public var distance: Double
    }

    public var clusterID: Int
    public var size: Int
    /// (feature, value) in the features' own units, in `AudioSpace.columns` order.
    public var centroid: [(feature: String, value: Double)]
    /// The centroid in standard deviations from the mean track of the run (its clustered tracks), same order.
    public var standardized: [(feature: String, z: Double)]
    /// A short name from the features that set the cluster apart most ("fast, loud, low acousticness").
    public var name: String
    /// Most common genre tags with their track counts.
    public var topGenres: [(genre: String, tracks: Int)]
    /// Tracks nearest the centroid, one per song (the dumps repeat a song on several albums).
    public var typicalTracks: [TypicalTrack]

    /// Profiles of every cluster of `runID` (empty when the run wrote no clusters).
    static func fetch(_ db: Database, runID: Int64, genres: Int = 3, tracks: Int = 3) throws -> [ClusterProfile] {
        var sizes: [Int: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT cluster_id, count(*) FROM cluster_assignments WHERE run_id = ? GROUP BY cluster_id",
                                    arguments: [runID]) { sizes[row[0]] = row[1] }
        let order = { (feature: String) in AudioSpace.columns.firstIndex(of: feature) ?? Int.max }
        var centroids: [Int: [(feature: String, value: Double)]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT cluster_id, feature, value FROM cluster_centroids WHERE run_id = ?", arguments: [runID]) {
            centroids[row[0], default: []].append((row[1], row[2]))
        }
        var genreCounts: [Int: [(genre: String, tracks: Int)]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT c.cluster_id, g.name, count(*) AS n FROM cluster_assignments c
            JOIN track_genres tg ON tg.track_id = c.track_id JOIN genres g ON g.genre_id = tg.genre_id
            WHERE c.run_id = ? GROUP BY c.cluster_id, g.name ORDER BY c.cluster_id, n DESC, g.name
            """, arguments: [runID]) {
            let id: Int = row[0]
            if genreCounts[id, default: []].count < genres { genreCounts[id, default: []].append((row[1], row[2])) }
        }
        // Four candidates per wanted track leave room for repeats of the same song.
        var typical: [Int: [TypicalTrack]] = [:]
        var seen: [Int: SongSet] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT a.cluster_id, a.track_id, a.distance, t.track_name, t.artists FROM (
                SELECT cluster_id, track_id, distance, row_number() OVER (PARTITION BY cluster_id ORDER BY distance, track_id) AS rn
                FROM cluster_assignments WHERE run_id = ?) a
            JOIN v_tracks t ON t.track_id = a.track_id
            WHERE a.rn <= ? ORDER BY a.cluster_id, a.rn
            """, arguments: [runID, tracks * 4]) {
            let cluster: Int = row["cluster_id"]
            let track = TypicalTrack(trackID: row["track_id"], name: row["track_name"], artists: row["artists"] ?? "", distance: row["distance"])
            guard typical[cluster, default: []].count < tracks,
                  seen[cluster, default: SongSet()].insert(title: track.name, artists: track.artists.split(separator: ";").map(String.init))
            else { continue }
            typical[cluster, default: []].append(track)
        }
        let spread = try featureSpread(db, runID: runID)
        return sizes.keys.sorted().map { id in
            let centroid = (centroids[id] ?? []).sorted { order($0.feature) < order($1.feature) }
            let standardized = centroid.map { feature, value -> (feature: String, z: Double) in
                guard let (mean, sd) = spread[feature], sd > 0 else { return (feature, 0) }
                return (feature, (value - mean) / sd)
            }
            return ClusterProfile(clusterID: id, size: sizes[id]!, centroid: centroid, standardized: standardized,
                                  name: name(standardized), topGenres: genreCounts[id] ?? [], typicalTracks: typical[id] ?? [])
        }
    }

    /// Mean and standard deviation of each feature over the run's clustered tracks: what "far from the mean track" means.
    /// A run keeps the standardization it clustered in; a run of an older Jukebox has it measured again.
    static func featureSpread(_ db: Database, runID: Int64) throws -> [String: (mean: Double, sd: Double)] {
        let columns = AudioSpace.columns
        let kept = try ModelRuns.find(db, id: runID)?.hyperparameters.clusters
        if let means = kept?.featureMeans, let scales = kept?.featureScales,
           kept?.features == columns, means.count == columns.count, scales.count == columns.count {
            return Dictionary(uniqueKeysWithValues: columns.indices.map { (columns[$0], (means[$0], scales[$0])) })
        }
        let sums = columns.map { "avg(f.\($0)), avg(f.\($0) * f.\($0))" }.joined(separator: ", ")
        guard let row = try Row.fetchOne(db, sql: """
            SELECT \(sums) FROM cluster_assignments c JOIN audio_features f ON f.track_id = c.track_id WHERE c.run_id = ?
            """, arguments: [runID]) else { return [:] }
        var spread: [String: (mean: Double, sd: Double)] = [:]
        for (i, column) in columns.enumerated() {
            guard let mean = row[2 * i] as Double?, let square = row[2 * i + 1] as Double? else { continue }
            spread[column] = (mean, max(0, square - mean * mean).squareRoot())
        }
        return spread
    }

    /// Words for a feature far above or below the mean track.
    static let words: [String: (high: String, low: String)] = [
        "danceability": ("danceable", "low danceability"), "energy": ("energetic", "calm"), "loudness": ("loud", "quiet"),
        "speechiness": ("spoken", "little speech"), "acousticness": ("acoustic", "low acousticness"),
        "instrumentalness": ("instrumental", "vocal"), "liveness": ("live", "studio"), "valence": ("happy", "sad"),
        "tempo": ("fast", "slow"),
    ]

    /// At most three features at least half a standard deviation from the mean track, the farthest first.
    public static func name(_ standardized: [(feature: String, z: Double)]) -> String {
        let telling = standardized.enumerated()
            .filter { abs($0.element.z) >= 0.5 && words[$0.element.feature] != nil }
            .sorted { abs($0.element.z) != abs($1.element.z) ? abs($0.element.z) > abs($1.element.z) : $0.offset < $1.offset }
            .prefix(3)
        guard !telling.isEmpty else { return "close to the mean track" }
        return telling.map { item in
            let pair = words[item.element.feature]!
            return item.element.z > 0 ? pair.high : pair.low
        }.joined(separator: ", ")
    }
}
