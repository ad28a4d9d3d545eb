import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// The champion run each model page's JSON names carries its metrics as the object `model_runs` stores, under the
/// stored keys: the figures `json_extract` reads, not a string to decode again.
@Suite struct RunMetricsAPITests {
    private func storedMetrics(task: String) async throws -> NSDictionary {
        let text: String = try #require(try await WebFixture.scalar(
            "SELECT metrics FROM model_runs WHERE task = '\(task)' AND is_champion = 1 ORDER BY feature_set = 'full' DESC LIMIT 1"))
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    @Test func eachPageNamesItsChampionWithTheStoredMetrics() async throws {
        try await WebFixture.app().test(.router) { client in
            for (page, task) in [("genres", "genre"), ("popularity", "popularity"), ("clusters", "clusters")] {
                let reply = try await client.fetch("/api/\(page)")
                #expect(reply.status == .ok)
                let run = try #require(reply.json["run"] as? [String: Any], "\(page)")
                let metrics = try #require(run["metrics"] as? NSDictionary, "\(page): \(String(describing: run["metrics"]))")
                #expect(metrics == (try await storedMetrics(task: task)), "\(page)")
            }
            // The genre page's own summary: the scalars, with per-genre F1 and the matrix in fields of their own.
            let genres = try await client.fetch("/api/genres").json
            let summary = try #require(genres["metrics"] as? [String: Any])
            let stored = try await storedMetrics(task: "genre")
            #expect(summary["accuracy"] as? Double == stored["accuracy"] as? Double)
            #expect(summary["holdout_rows"] as? Int == stored["holdout_rows"] as? Int)
            #expect(summary["per_genre_f1"] == nil && summary["confusion_matrix"] == nil)
        }
    }
}
