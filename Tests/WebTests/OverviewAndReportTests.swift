import Analytics
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
@_spi(WarehouseSQL) import Store
import Testing
@testable import Web

/// The Overview counts what the warehouse holds beyond tracks (listens, listeners, playlists, trained models), and the
/// report covers every page of the app that has data.
@Suite struct OverviewAndReportTests {
    static func card(_ value: Int, _ label: String) -> String { "<div class=\"card\"><b>\(HTML.count(value))</b><span>\(label)</span></div>" }

    static func count(_ warehouse: Warehouse, _ sql: String) async throws -> Int {
        try await warehouse.pool.read { try Int.fetchOne($0, sql: sql) ?? -1 }
    }

    /// The report reads synchronously: render it on its own thread, not on one that async page reads need.
    static func report(_ warehouse: Warehouse) async throws -> String {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String, any Error>) in
            Thread { continuation.resume(with: Result { try WebReport.render(warehouse: warehouse) }) }.start()
        }
    }

    @Test func overviewCountsListensListenersPlaylistsAndTrainedModels() async throws {
        let warehouse = ListeningPageTests.warehouse
        let listens = try await Self.count(warehouse, "SELECT count(*) FROM listens")
        let playlists = try await Self.count(warehouse, "SELECT count(*) FROM playlists")
        try #require(listens > 0 && playlists > 0)
        try await buildApplication(warehouse: warehouse).test(.router) { client in
            let page = try await client.fetch("/")
            #expect(page.body.contains(Self.card(listens, "listens")))
            #expect(page.body.contains(Self.card(1, "listeners")))
            #expect(page.body.contains(Self.card(playlists, "playlists")))
            #expect(page.body.contains(Self.card(0, "trained models")))
            let json = try await client.fetch("/api/overview").json
            #expect(json["listeners"] as? Int == 1 && json["trained_models"] as? Int == 0)
        }
        let trained = try await Self.count(WebFixture.warehouse, "SELECT count(*) FROM model_runs WHERE status = 'succeeded'")
        try #require(trained >= 6)
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/")
            #expect(page.body.contains(Self.card(trained, "trained models")))
            #expect(page.body.contains(Self.card(0, "listeners")) && page.body.contains(Self.card(0, "listens")))
        }
    }

    @Test func theReportCoversEveryPageThatHasData() async throws {
        let warehouse = ListeningPageTests.warehouse
        let html = try await Self.report(warehouse)
        let sections = html.matches(of: /<section id="([a-z]+)">/).map { String($0.1) }
        #expect(sections == ["overview", "genres", "popularity", "clusters", "trends", "listening", "playlists"])
        #expect(!html.contains("<script") && !html.contains("href=\"/") && !html.contains("<link"))
        // Trends: the page's default view, with its charts.
        let trends = try #require(html.components(separatedBy: "<section id=\"trends\">").dropFirst().first?.components(separatedBy: "</section>").first)
        #expect(trends.contains("Trends are grouped by") && trends.contains("<svg"))
        // Listening: the listener's months as `jukebox trends --listener` gives them, the name escaped.
        let listener = ListeningPageTests.listener
        let months = try await warehouse.read { try Listening.report(listener, by: .month, in: $0) }
        #expect(html.contains("&lt;b&gt;anna&lt;/b&gt; &amp; co: \(months.plays) plays") && !html.contains("<b>anna</b>"))
        for period in months.periods { #expect(html.contains("<tr><td>\(period.period)</td><td class=\"num\">\(period.plays)</td>")) }
        // Playlists: the longest one's continuation, as `jukebox recommend --playlist ID` gives it.
        let (longest, answer) = try await warehouse.read { reader -> (PlaylistSummary, RecommendationAnswer) in
            let playlist = try NameLookup.playlists(in: reader)[0]
            return (playlist, try RecommendationEngine().recommend(RecommendationRequest(seed: .playlist(String(playlist.playlistID))), in: reader))
        }
        try #require(!answer.results.isEmpty)
        let table = try #require(html.components(separatedBy: "<table id=\"continuation-\(longest.playlistID)\">").dropFirst().first?
            .components(separatedBy: "</table>").first)
        #expect(table.matches(of: /<tr data-track="([^"]+)">/).map { String($0.1) } == answer.results.map(\.trackID))

        // A warehouse without histories or playlists has no such sections.
        let plain = try await Self.report(WebFixture.warehouse)
        #expect(plain.matches(of: /<section id="([a-z]+)">/).map { String($0.1) } == ["overview", "genres", "popularity", "clusters", "trends"])
    }
}
