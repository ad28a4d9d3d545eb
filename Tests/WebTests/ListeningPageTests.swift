import Analytics
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Ingest
import Store
import Testing
@testable import Web

/// The Listening page and the Playlists view of Recommend, on the samples plus a listening history (under a
/// hostile listener name) and the sample playlists: the same answers as Analytics gives the CLI.
@Suite struct ListeningPageTests {
    static let listener = "<b>anna</b> & co"

    static let warehouse: Warehouse = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-listening-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("w.sqlite").path
        let ingester = Ingester(warehouse: try! Warehouse.open(path: path))
        for file in ["spotify_tracks_sample.csv", "top_hits_sample.csv", "spotify_playlists_sample.csv"] {
            _ = try! ingester.ingest(path: root.appendingPathComponent("data/samples/\(file)").path)
        }
        var options = IngestOptions()
        options.listener = listener
        for file in ["Streaming_History_Audio_2023.json", "StreamingHistory_music_0.json"] {
            _ = try! ingester.ingest(path: root.appendingPathComponent("data/samples/history/\(file)").path, options: options)
        }
        return try! Warehouse.openReadOnly(path: path)
    }()

    @Test func theListeningPageShowsTheMonthsTheHeatmapAndTheRecommendationsEscaped() async throws {
        let report = try await Self.warehouse.read { try Listening.report(Self.listener, by: .month, in: $0) }
        let answer = try await Self.warehouse.read { try RecommendationEngine().recommend(RecommendationRequest(seed: .listener(Self.listener)), in: $0) }
        try await buildApplication(warehouse: Self.warehouse).test(.router) { client in
            let picker = try await client.fetch("/listening")
            #expect(picker.status == .ok && picker.body.contains("<h1>Listening</h1>"))
            #expect(picker.body.contains("<option value=\"&lt;b&gt;anna&lt;/b&gt; &amp; co\">"))
            #expect(!picker.body.contains("<b>anna</b>"))
            let page = try await client.fetch("/listening?listener=\(q(Self.listener))")
            #expect(page.status == .ok)
            #expect(!page.body.contains("<b>anna</b>"))
            #expect(page.body.contains("&lt;b&gt;anna&lt;/b&gt; &amp; co: \(report.plays) plays"))
            #expect(page.body.contains("id=\"minutes-by-month\"") && page.body.contains("id=\"weekday-hour\"") && page.body.contains("id=\"mood\""))
            for period in report.periods { #expect(page.body.contains("<tr><td>\(period.period)</td><td class=\"num\">\(period.plays)</td>")) }
            #expect(!answer.results.isEmpty)
            for result in answer.results { #expect(page.body.contains("data-track=\"\(result.trackID)\"")) }
            #expect(page.body.contains("you played"))
            #expect(page.body.contains("/recommend/playlist.m3u?ids=" + answer.results.map(\.trackID).joined(separator: ",")))
            let api = try await client.fetch("/api/listening?listener=\(q(Self.listener))")
            #expect(api.status == .ok && api.headers[.contentType] == "application/json; charset=utf-8")
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            #expect(api.body.contains("\"new_artists\":"))
            let decoded = try decoder.decode(ListeningReport.self, from: Data(api.body.utf8))
            #expect(decoded.periods.map(\.plays) == report.periods.map(\.plays) && decoded.listener == Self.listener)
            #expect(try await client.fetch("/api/listening").status == .badRequest)
            let unknown = try await client.fetch("/listening?listener=nobody")
            #expect(unknown.status == .badRequest)
            #expect(unknown.body.contains("no listener"))
        }
    }

    /// One engine behind every page: for a track (by id and by name), a playlist and a listener, the page's table and
    /// `/api/recommend` list the engine's answer, the same ids in the same order with the same scores.
    @Test func thePagesAndTheAPIGiveTheEnginesAnswerForEverySeed() async throws {
        let (trackID, trackName) = try await Self.warehouse.read { reader in
            let match = try NameLookup.track("Jet - Are You Gonna Be My Girl", in: reader)
            return (match.trackID, match.label)
        }
        let asked: [(seed: RecommendationSeed, page: String, table: String, api: String)] = [
            (.tracks([trackID]), "/recommend?track=\(trackID)", "recommendations", "/api/recommend?track=\(trackID)"),
            (.tracks([trackName]), "/recommend?q=\(q(trackName))", "recommendations", "/api/recommend?q=\(q(trackName))"),
            (.playlist("permanent wave"), "/recommend?continue=\(q("permanent wave"))", "continuation", "/api/recommend?continue=\(q("permanent wave"))"),
            (.listener(Self.listener), "/listening?listener=\(q(Self.listener))", "listener-recommendations",
             "/api/recommend?listener=\(q(Self.listener))"),
        ]
        try await buildApplication(warehouse: Self.warehouse).test(.router) { client in
            for (seed, pagePath, table, apiPath) in asked {
                let answer = try await Self.warehouse.read { try RecommendationEngine().recommend(RecommendationRequest(seed: seed), in: $0) }
                #expect(answer.results.count == 10, "\(pagePath)")
                let page = try await client.fetch(pagePath)
                #expect(page.status == .ok, "\(pagePath)")
                let section = page.body.components(separatedBy: "<table id=\"\(table)\">").dropFirst().first?.components(separatedBy: "</table>").first ?? ""
                let rows = section.components(separatedBy: "<tr data-track=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                #expect(rows == answer.results.map(\.trackID), "\(pagePath)")
                let api = try await client.fetch(apiPath)
                let items = try #require(api.json["items"] as? [[String: Any]], "\(apiPath)")
                #expect(items.compactMap { ($0["track"] as? [String: Any])?["track_id"] as? String } == answer.results.map(\.trackID), "\(apiPath)")
                // The web app's kept audio space and a read of only the audio needed standardize alike, to rounding.
                let scores = items.compactMap { $0["score"] as? Double }
                #expect(scores.count == 10 && zip(scores, answer.results.map(\.score)).allSatisfy { abs($0 - $1) < 1e-9 }, "\(apiPath)")
            }
        }
    }

    @Test func thePlaylistsViewContinuesAPlaylistAsTheCLIDoes() async throws {
        let answer = try await Self.warehouse.read { reader in
            try RecommendationEngine().recommend(RecommendationRequest(seed: .playlist("Permanent Wave")), in: reader)
        }
        try await buildApplication(warehouse: Self.warehouse).test(.router) { client in
            let empty = try await client.fetch("/recommend")
            #expect(empty.body.contains("id=\"continue\"") && empty.body.contains("<option value=\"Permanent Wave\">"))
            let page = try await client.fetch("/recommend?continue=\(q("permanent wave"))")
            #expect(page.status == .ok)
            #expect(page.body.contains("Continuing ‘Permanent Wave’ (id \(answer.subject.playlist!.playlistID)"))
            let rows = page.body.components(separatedBy: "<tr data-track=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(rows == answer.results.map(\.trackID))
            #expect(page.body.contains("/recommend/playlist.m3u?ids=" + answer.results.map(\.trackID).joined(separator: ",")))
            let unknown = try await client.fetch("/recommend?continue=\(q("no such playlist"))")
            #expect(unknown.status == .badRequest && unknown.body.contains("no playlist"))
        }
    }

    @Test func aMistypedListenerOrPlaylistOffersItsNearMissesAsLinks() async throws {
        let longest = try await Self.warehouse.read { try NameLookup.playlists(in: $0)[0] }
        try await buildApplication(warehouse: Self.warehouse).test(.router) { client in
            let listener = try await client.fetch("/listening?listener=\(q("<b>anna</b> & c"))")
            #expect(listener.status == .badRequest)
            let link = "/listening?listener=" + HTML.escape(HTML.query(Self.listener))
            #expect(listener.body.contains("<a class=\"near-miss\" href=\"\(link)\">&lt;b&gt;anna&lt;/b&gt; &amp; co</a>"))
            #expect(!listener.body.contains("<b>anna</b>"))
            let followed = try await client.fetch("/listening?listener=" + HTML.query(Self.listener))
            #expect(followed.status == .ok && followed.body.contains("id=\"listening-summary\""))

            let typo = String(longest.name.dropLast())
            let playlist = try await client.fetch("/recommend?continue=\(q(typo))&count=3")
            #expect(playlist.status == .badRequest)
            let again = "/recommend?continue=\(q(longest.name))&count=3#playlists"
            #expect(playlist.body.contains("<a class=\"near-miss\" href=\"\(HTML.escape(again))\">\(HTML.escape(longest.name))</a>"))
            let continued = try await client.fetch(again.replacingOccurrences(of: "#playlists", with: ""))
            #expect(continued.status == .ok && continued.body.components(separatedBy: "<tr data-track=").count - 1 == 3)
        }
    }
}
