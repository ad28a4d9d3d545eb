import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// The JSON twins of the pages: status, content type and shape.
@Suite struct APIRouteTests {
    @Test func overviewJSON() async throws {
        try await WebFixture.app().test(.router) { client in
            let reply = try await client.fetch("/api/overview")
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType] == "application/json; charset=utf-8")
            let counts = try #require(reply.json["counts"] as? [String: Any])
            #expect((counts["tracks"] as? Int ?? 0) > 300)
            #expect(counts["rejects"] is Int)
            let histograms = try #require(reply.json["histograms"] as? [[String: Any]])
            #expect(histograms.count == 12)
            #expect((histograms.first?["bins"] as? [Any])?.isEmpty == false)
            let correlation = try #require(reply.json["correlation"] as? [String: Any])
            #expect((correlation["values"] as? [[Double]])?.count == 12)
        }
    }

    @Test func genresJSONAndPrediction() async throws {
        try await WebFixture.app().test(.router) { client in
            let reply = try await client.fetch("/api/genres")
            let metrics = try #require(reply.json["metrics"] as? [String: Any])
            #expect(metrics["accuracy"] is Double)
            #expect(metrics["top3_accuracy"] is Double)
            #expect((reply.json["per_genre_f1"] as? [[String: Any]])?.isEmpty == false)
            let matrix = try #require(reply.json["confusion_matrix"] as? [String: Any])
            let labels = try #require(matrix["labels"] as? [String])
            #expect((matrix["counts"] as? [[Int]])?.count == labels.count)
            #expect(reply.json["largest_confusions"] is [Any])

            let prediction = try await client.fetch("/api/genres/predict?energy=0.2&acousticness=0.95&instrumentalness=0.8")
            #expect(prediction.status == .ok)
            let predictions = try #require(prediction.json["predictions"] as? [[String: Any]])
            #expect(predictions.count == 5)
            let probabilities = predictions.compactMap { $0["probability"] as? Double }
            #expect(probabilities == probabilities.sorted(by: >))
            #expect(probabilities.allSatisfy { $0 >= 0 && $0 <= 1 })
            #expect(labels.contains(predictions[0]["genre"] as? String ?? ""))
        }
    }

    @Test func genrePredictionNamesTheChampionThatAnswered() async throws {
        // A track known only by its sliders has no known artist: the audio-only champion answers, not the full one.
        let audioRun: Int64 = try #require(try await WebFixture.scalar(
            "SELECT run_id FROM model_runs WHERE task = 'genre' AND feature_set = 'audio' AND is_champion = 1"))
        let fullRun: Int64 = try #require(try await WebFixture.scalar(
            "SELECT run_id FROM model_runs WHERE task = 'genre' AND feature_set = 'full' AND is_champion = 1"))
        let audioAccuracy: Double = try #require(try await WebFixture.scalar(
            "SELECT json_extract(metrics, '$.accuracy') FROM model_runs WHERE run_id = \(audioRun)"))
        #expect(audioRun != fullRun)
        try await WebFixture.app().test(.router) { client in
            let reply = try await client.fetch("/api/genres/predict?energy=0.3")
            #expect(reply.status == .ok)
            #expect(reply.json["run_id"] as? Int == Int(audioRun))
            #expect(reply.json["feature_set"] as? String == "audio")
            #expect(reply.json["accuracy"] as? Double == audioAccuracy)
            let page = try await client.fetch("/genres?energy=0.3")
            #expect(page.body.contains("Champion run \(fullRun) ·"))
            #expect(page.body.contains("Answered by champion run \(audioRun) (audio features, "))
            #expect(page.body.contains("holdout accuracy \(HTML.number(audioAccuracy, 3)))"))
        }
    }

    @Test func popularityJSON() async throws {
        try await WebFixture.app().test(.router) { client in
            let reply = try await client.fetch("/api/popularity")
            let sample = try #require(reply.json["sample"] as? [[String: Any]])
            #expect(!sample.isEmpty && sample.count <= 2000)
            #expect(sample[0]["predicted"] is Double && sample[0]["actual"] is Double)
            let importances = try #require(reply.json["importances"] as? [[String: Any]])
            let methods = Set(importances.compactMap { $0["method"] as? String })
            #expect(methods.isSuperset(of: ["gain", "permutation", "mean_abs_shap"]))
            #expect((reply.json["residual_histogram"] as? [String: Any])?["bins"] is [Any])
            let explained = try #require(reply.json["explained"] as? [[String: Any]])
            let id = try #require(explained.first?["track_id"] as? String)
            let explanation = try await client.fetch("/api/popularity/track/\(q(id))")
            #expect((explanation.json["contributions"] as? [Any])?.isEmpty == false)
            #expect(explanation.json["base_value"] is Double)
        }
    }

    @Test func popularityChartsUseHoldoutTracksOnly() async throws {
        // The metric cards are holdout-only; the scatter and the residual histogram must be too.
        let holdout: Int = try #require(try await WebFixture.scalar(
            "SELECT count(*) FROM v_popularity_predictions WHERE actual_popularity IS NOT NULL AND in_holdout = 1"))
        let all: Int = try #require(try await WebFixture.scalar("SELECT count(*) FROM v_popularity_predictions WHERE actual_popularity IS NOT NULL"))
        try #require(holdout > 0 && holdout < all)
        try await WebFixture.app().test(.router) { client in
            let reply = try await client.fetch("/api/popularity")
            #expect(reply.json["holdout_tracks"] as? Int == holdout)
            let sample = try #require(reply.json["sample"] as? [[String: Any]])
            #expect(sample.count == min(holdout, 2000))
            #expect(sample.allSatisfy { $0["in_holdout"] as? Bool == true })
            let histogram = try #require(reply.json["residual_histogram"] as? [String: Any])
            let bins = try #require(histogram["bins"] as? [[String: Any]])
            #expect(bins.compactMap { $0["count"] as? Int }.reduce(0, +) == holdout)
            #expect(histogram["title"] as? String == "Residuals (predicted − actual) over \(HTML.count(holdout)) holdout tracks")
            let page = try await client.fetch("/popularity")
            #expect(page.body.contains("Predicted vs actual popularity (\(HTML.count(holdout)) of \(HTML.count(holdout)) holdout tracks)"))
            #expect(!page.body.contains(">training</text>"))
        }
    }

    @Test func clustersJSON() async throws {
        try await WebFixture.app().test(.router) { client in
            let reply = try await client.fetch("/api/clusters")
            let points = try #require(reply.json["points"] as? [[String: Any]])
            #expect(!points.isEmpty && points.count <= 3000)
            let clusters = try #require(reply.json["clusters"] as? [[String: Any]])
            #expect(clusters.count == 6)
            #expect((clusters[0]["centroid"] as? [Any])?.count == 9)
            #expect((clusters[0]["typical"] as? [Any])?.isEmpty == false)
            let pca = try #require(reply.json["pca"] as? [String: Any])
            #expect((pca["explained"] as? [Double])?.count == 2)
        }
    }

    @Test func trendsJSONAndErrors() async throws {
        try await WebFixture.app().test(.router) { client in
            let reply = try await client.fetch("/api/trends?by=decade&feature=energy&feature=tempo")
            #expect(reply.status == .ok)
            #expect(reply.json["grouping"] as? String == "decade")
            #expect((reply.json["features"] as? [[String: Any]])?.count == 2)
            let badFeature = try await client.fetch("/api/trends?feature=energi")
            #expect(badFeature.status == .badRequest)
            #expect((badFeature.json["error"] as? String)?.contains("energy") == true)
            let badGrouping = try await client.fetch("/api/trends?by=week")
            #expect(badGrouping.status == .badRequest)
        }
    }

    @Test func searchAndRecommendJSON() async throws {
        try await WebFixture.app().test(.router) { client in
            let search = try await client.fetch("/api/search?q=\(q("ghost"))")
            let tracks = try #require(search.json["tracks"] as? [[String: Any]])
            #expect(!tracks.isEmpty)
            #expect(tracks.allSatisfy { ($0["name"] as? String)?.lowercased().contains("ghost") == true })
            let short = try await client.fetch("/api/search?q=g")
            #expect((short.json["tracks"] as? [Any])?.isEmpty == true)

            let id = try #require(tracks.first?["track_id"] as? String)
            let recommend = try await client.fetch("/api/recommend?track=\(q(id))")
            #expect(recommend.status == .ok)
            let items = try #require(recommend.json["items"] as? [[String: Any]])
            #expect(!items.isEmpty && items.count <= 10)
            #expect(items.allSatisfy { ($0["reasons"] as? [String])?.isEmpty == false })
            // No song twice: the dumps repeat songs on several albums under different ids.
            let labels = items.compactMap { ($0["track"] as? [String: Any]).map { "\($0["artists"] ?? "")|\($0["name"] ?? "")".lowercased() } }
            #expect(Set(labels).count == labels.count)
            #expect(items.allSatisfy { ($0["track"] as? [String: Any])?["track_id"] as? String != id })
            // The one engine's answer: how many candidates it scored, each result's score, highest first.
            let candidates = try #require(recommend.json["candidates"] as? Int)
            #expect(candidates >= items.count)
            let scores = items.compactMap { $0["score"] as? Double }
            #expect(scores.count == items.count && scores == scores.sorted(by: >))
            let missing = try await client.fetch("/api/recommend")
            #expect(missing.status == .badRequest)
        }
    }
}
