import GRDB
import Store

/// Counts, a histogram of every audio feature, and the features' correlation matrix.
struct OverviewData: Codable, Sendable {
    struct Correlation: Codable, Sendable {
        var features: [String]
        /// Pearson correlation over tracks with both values.
        var values: [[Double]]
    }

    var counts: WarehouseStats
    var tracksWithAudioFeatures: Int
    var histograms: [Histogram]
    var correlation: Correlation

    static let features = ["danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness",
                           "instrumentalness", "liveness", "valence", "tempo", "time_signature"]
    static let discrete: Set<String> = ["key", "mode", "time_signature"]

    static func load(_ db: Database) throws -> OverviewData {
        let counts = try WarehouseStats.fetch(db)
        let d = features.count
        var columns = [[Double]](repeating: [], count: d)
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(features.joined(separator: ", ")) FROM audio_features")
        var rows = 0
        while let row = try cursor.next() {
            rows += 1
            for c in 0..<d { columns[c].append((row[c] as Double?) ?? .nan) }
        }
        let histograms = features.enumerated().map { c, name in
            Histogram(title: name, bins: discrete.contains(name) ? Histogram.integerBins(columns[c]) : Histogram.bins(columns[c], count: 30),
                      xLabel: name, discrete: discrete.contains(name))
        }
        return OverviewData(counts: counts, tracksWithAudioFeatures: rows, histograms: histograms,
                            correlation: Correlation(features: features, values: correlations(columns)))
    }

    static func correlations(_ columns: [[Double]]) -> [[Double]] {
        let d = columns.count
        var result = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for a in 0..<d {
            result[a][a] = 1
            for b in (a + 1)..<max(a + 1, d) {
                var n = 0.0, sa = 0.0, sb = 0.0, saa = 0.0, sbb = 0.0, sab = 0.0
                let x = columns[a], y = columns[b]
                for i in 0..<min(x.count, y.count) where !x[i].isNaN && !y[i].isNaN {
                    n += 1; sa += x[i]; sb += y[i]; saa += x[i] * x[i]; sbb += y[i] * y[i]; sab += x[i] * y[i]
                }
                let cov = sab - sa * sb / max(n, 1), va = saa - sa * sa / max(n, 1), vb = sbb - sb * sb / max(n, 1)
                let r = (n > 1 && va > 0 && vb > 0) ? cov / (va * vb).squareRoot() : 0
                result[a][b] = r; result[b][a] = r
            }
        }
        return result
    }
}
