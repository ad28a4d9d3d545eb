import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// Conventions every page keeps: HEAD answers, the icon, titles that name the track, readable labels, decoded paths,
/// parameter errors by name.
@Suite struct PageConventionsTests {
    @Test func headAnswersLikeGetWithoutABody() async throws {
        try await WebFixture.app().test(.router) { client in
            for uri in ["/", "/genres", "/api/overview"] {
                let head = try await client.execute(uri: uri, method: .head) { response in
                    (response.status, response.headers[.contentType], response.body.readableBytes)
                }
                #expect(head.0 == .ok, "\(uri)")
                #expect(head.1 != nil, "\(uri)")
                #expect(head.2 == 0, "\(uri)")
            }
        }
    }

    @Test func pagesLinkAnInlineIconAndTheIconFileIsEmpty() async throws {
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/")
            #expect(page.body.contains("<link rel=\"icon\" href=\"data:image/svg+xml,"))
            let icon = try await client.fetch("/favicon.ico")
            #expect(icon.status == .noContent)
            #expect(icon.body.isEmpty)
        }
    }

    @Test func explanationPageTitleNamesTheTrack() async throws {
        let explained: String = try #require(try await WebFixture.scalar("""
            SELECT s.track_id FROM shap_values s JOIN model_runs r ON r.run_id = s.run_id
            WHERE r.task = 'popularity' AND r.is_champion = 1 AND r.feature_set = 'full' ORDER BY s.track_id LIMIT 1
            """))
        let name: String = try #require(try await WebFixture.scalar("SELECT track_name FROM v_tracks WHERE track_id = '\(explained)'"))
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/popularity/track/\(q(explained))")
            #expect(page.status == .ok)
            let title = try #require(page.body.firstMatch(of: /<title>([^<]*)<\/title>/)?.1)
            #expect(title.hasPrefix("Why this popularity? "))
            #expect(title.hasSuffix(HTML.escape(name) + " · Jukebox"))
        }
    }

    @Test func explanationPathIsPercentDecoded() async throws {
        let explained: String = try #require(try await WebFixture.scalar("""
            SELECT s.track_id FROM shap_values s JOIN model_runs r ON r.run_id = s.run_id
            WHERE r.task = 'popularity' AND r.is_champion = 1 AND r.feature_set = 'full' ORDER BY s.track_id LIMIT 1
            """))
        // Every character percent-encoded: the router hands the path over as written.
        let encoded = explained.utf8.map { String(format: "%%%02X", $0) }.joined()
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/api/popularity/track/\(encoded)")
            #expect(page.status == .ok)
            #expect((page.json["track"] as? [String: Any])?["track_id"] as? String == explained)
            let missing = try await client.fetch("/popularity/track/%E2%9C%93")
            #expect(missing.status == .notFound)
            #expect(missing.body.contains("There is no track with the id ✓."))
        }
    }

    @Test func popularityCardsUseReadableLabels() async throws {
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/popularity")
            for label in ["R²", "mean absolute error", "root mean squared error", "holdout rows", "average prediction (SHAP base)"] {
                #expect(page.body.contains("<span>\(label)</span>"), "\(label)")
            }
            for key in ["holdout_rows", "shap_expected_value", ">r2<", ">mae<"] { #expect(!page.body.contains(key), "\(key)") }
        }
    }

    @Test func clustersDoNotClaimHeldOutRows() async throws {
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/clusters")
            #expect(page.body.contains("<p class=\"note\">Champion run "))
            #expect(!page.body.contains("held-out rows"))
            let genres = try await client.fetch("/genres")
            #expect(genres.body.contains("held-out rows"))
        }
    }

    @Test func genrePredictionRejectsBadParametersByName() async throws {
        try await WebFixture.app().test(.router) { client in
            let notANumber = try await client.fetch("/api/genres/predict?energy=abc&danceability=0.5")
            #expect(notANumber.status == .badRequest)
            #expect(notANumber.json["error"] as? String == "energy must be a number from 0 to 1 (got 'abc')")
            let outOfRange = try await client.fetch("/api/genres/predict?danceability=5")
            #expect(outOfRange.status == .badRequest)
            #expect(outOfRange.json["error"] as? String == "danceability must be from 0 to 1 (got 5)")
            let duration = try await client.fetch("/api/genres/predict?duration_ms=5000")
            #expect(duration.json["error"] as? String == "duration_ms must be from 30000 to 600000 (got 5000)")
            let page = try await client.fetch("/genres?tempo=fast")
            #expect(page.status == .badRequest)
            #expect(page.body.contains("tempo must be a number from 40 to 220 (got &#39;fast&#39;)"))
            let both = try await client.fetch("/api/genres/predict?energy=abc&danceability=5")
            #expect(both.status == .badRequest)
            #expect(both.json["error"] as? String == "danceability must be from 0 to 1 (got 5); energy must be a number from 0 to 1 (got 'abc')")
            let fine = try await client.fetch("/api/genres/predict?danceability=1&energy=0")
            #expect(fine.status == .ok)
        }
    }
}
