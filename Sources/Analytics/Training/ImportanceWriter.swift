import GRDB
import Learning
@_spi(WarehouseSQL) import Store

/// Writes importances and per-track SHAP values of a run.
enum ImportanceWriter {
    static func write(_ db: Database, runID: Int64, features: [String], gain: [Double], splitCount: [Double],
                      permutation: [FeatureImportance], meanAbsoluteShap: [Double]?) throws {
        let insert = try BulkStatement(db, sql: "INSERT INTO feature_importances (run_id, feature, method, value, spread) VALUES (?, ?, ?, ?, ?)")
        for (i, feature) in features.enumerated() {
            try insert.bind(runID).bind(feature).bind("gain").bind(JSON.round(gain[i])).bind(nil as Double?).run()
            try insert.bind(runID).bind(feature).bind("split_count").bind(splitCount[i]).bind(nil as Double?).run()
            if let meanAbsoluteShap {
                try insert.bind(runID).bind(feature).bind("mean_abs_shap").bind(JSON.round(meanAbsoluteShap[i])).bind(nil as Double?).run()
            }
        }
        for importance in permutation {
            try insert.bind(runID).bind(importance.feature).bind("permutation").bind(JSON.round(importance.mean))
                .bind(JSON.round(importance.standardDeviation)).run()
        }
    }

    static func writeShap(_ db: Database, runID: Int64, features: [String], rows: [(trackID: String, values: [Double])]) throws {
        let insert = try BulkStatement(db, sql: "INSERT INTO shap_values (run_id, track_id, feature, value) VALUES (?, ?, ?, ?)")
        for row in rows {
            for (i, feature) in features.enumerated() {
                try insert.bind(runID).bind(row.trackID).bind(feature).bind(JSON.round(row.values[i])).run()
            }
        }
    }
}
