import Foundation
import GRDB

/// The champion run a page shows, as the page and its JSON describe it.
struct RunInfo: Codable, Sendable {
    var runID: Int64
    var task: String
    var featureSet: String
    var algorithm: String
    var finishedAt: String?
    var trainRows: Int
    var testRows: Int
    var metrics: String

    /// The champion of `task`, preferring the `full` feature set, or the champion of one feature set.
    static func champion(_ db: Database, task: String, featureSet: String? = nil) throws -> RunInfo? {
        try Row.fetchOne(db, sql: """
            SELECT run_id, task, feature_set, algorithm, finished_at, train_rows, test_rows, metrics FROM model_runs
            WHERE task = ? AND is_champion = 1 AND (? IS NULL OR feature_set = ?) ORDER BY feature_set = 'full' DESC LIMIT 1
            """, arguments: [task, featureSet, featureSet]).map { row in
            RunInfo(runID: row["run_id"], task: row["task"], featureSet: row["feature_set"], algorithm: row["algorithm"],
                    finishedAt: row["finished_at"], trainRows: row["train_rows"], testRows: row["test_rows"], metrics: row["metrics"])
        }
    }

    /// Numeric top-level entries of the metrics JSON.
    var numericMetrics: [String: Double] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(metrics.utf8)) as? [String: Any] else { return [:] }
        var out: [String: Double] = [:]
        for (key, value) in object {
            if let number = value as? NSNumber, !(value is Bool) { out[key] = number.doubleValue }
        }
        return out
    }

    var summaryHTML: String {
        "<p class=\"note\">Champion run \(runID) · \(HTML.escape(algorithm)) · \(HTML.escape(featureSet)) features · "
            + "trained on \(HTML.count(trainRows)) rows"
            // Clusters and neighbours hold nothing out: say nothing rather than "evaluated on 0 held-out rows".
            + (testRows > 0 ? ", evaluated on \(HTML.count(testRows)) held-out rows" : "")
            + (finishedAt.map { " · finished " + HTML.escape($0) } ?? "") + "</p>"
    }
}

/// Track ids as one JSON parameter, for `IN (SELECT value FROM json_each(?))`.
enum TrackIDs {
    static func json(_ ids: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(ids), as: UTF8.self)) ?? "[]"
    }
}

/// A track as pages list it.
struct TrackRef: Codable, Sendable {
    var trackID: String
    var name: String
    var artists: String

    var label: String { (artists.isEmpty ? "" : artists.replacingOccurrences(of: ";", with: ", ") + " – ") + name }

    /// Names and artists of the given tracks, keyed by id.
    static func fetch(_ db: Database, ids: [String]) throws -> [String: TrackRef] {
        var out: [String: TrackRef] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT track_id, track_name, artists FROM v_tracks WHERE track_id IN (SELECT value FROM json_each(?))
            """, arguments: [TrackIDs.json(ids)]) {
            let id: String = row["track_id"]
            out[id] = TrackRef(trackID: id, name: row["track_name"], artists: row["artists"] ?? "")
        }
        return out
    }
}
