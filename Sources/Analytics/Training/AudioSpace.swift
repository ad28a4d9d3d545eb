import Core
import GRDB
import Learning

/// The nine audio features that describe how a track sounds, standardized (z-scores) so that tempo in
/// BPM does not drown out 0..1 features. Clusters, neighbours, recommendations and playlists all measure here; the
/// web app keeps one loaded per data stamp.
public struct AudioSpace: Sendable {
    static let columns = AudioFeature.continuous.map(\.column)

    var trackIDs: [String]
    var raw: FeatureMatrix
    var standardized: FeatureMatrix
    var means: [Double]
    var scales: [Double]
    /// Row of each track id.
    var index: [String: Int] = [:]

    /// Tracks of the warehouse outside the space: without (all nine) audio features, as loaded from metadata-only
    /// dumps and exports. Clusters and neighbours skip them and say how many.
    static func tracksWithoutAudio(_ db: Database, space: AudioSpace) throws -> Int {
        max(0, (try Int.fetchOne(db, sql: "SELECT count(*) FROM tracks") ?? 0) - space.trackIDs.count)
    }

    static func read(_ db: Database) throws -> AudioSpace {
        let rows = try ViewRows.read(db, view: "v_audio_features", numeric: columns)
        let raw = try rows.matrix(columns)
        let d = columns.count, n = rows.count
        let (means, scales) = moments(raw.values, columns: d)
        var values = raw.values
        for r in 0..<n { for c in 0..<d { values[r * d + c] = (values[r * d + c] - means[c]) / scales[c] } }
        let standardized = try FeatureMatrix(rowCount: n, columnCount: d, values: values, columnNames: columns)
        return AudioSpace(trackIDs: rows.trackIDs, raw: raw, standardized: standardized, means: means, scales: scales,
                          index: Dictionary(rows.trackIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The one standardization: each column's mean and population standard deviation (1 for a constant column),
    /// over row-major `values` of `columns` columns.
    static func moments(_ values: [Double], columns d: Int) -> (means: [Double], scales: [Double]) {
        let n = values.count / max(1, d)
        var means = [Double](repeating: 0, count: d), scales = [Double](repeating: 1, count: d)
        for c in 0..<d {
            var sum = 0.0
            for r in 0..<n { sum += values[r * d + c] }
            let mean = sum / Double(max(1, n))
            var variance = 0.0
            for r in 0..<n { let x = values[r * d + c] - mean; variance += x * x }
            variance /= Double(max(1, n))
            means[c] = mean
            scales[c] = variance > 0 ? variance.squareRoot() : 1
        }
        return (means, scales)
    }
}
