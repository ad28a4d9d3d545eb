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
        let answer = try await Self.warehouse.read { try PlaylistContinuation().recommend(ListenerRecommendationRequest(listener: Self.listener), in: $0) }
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

    @Test func thePlaylistsViewContinuesAPlaylistAsTheCLIDoes() async throws {
        let answer = try await Self.warehouse.read { reader in
            try PlaylistContinuation().recommend(PlaylistContinuationRequest(playlistID: try NameLookup.playlist("Permanent Wave", in: reader).playlistID), in: reader)
        }
        try await buildApplication(warehouse: Self.warehouse).test(.router) { client in
            let empty = try await client.fetch("/recommend")
            #expect(empty.body.contains("id=\"continue\"") && empty.body.contains("<option value=\"Permanent Wave\">"))
            let page = try await client.fetch("/recommend?continue=\(q("permanent wave"))")
            #expect(page.status == .ok)
            #expect(page.body.contains("Continuing ‘Permanent Wave’ (id \(answer.playlist.playlistID)"))
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
