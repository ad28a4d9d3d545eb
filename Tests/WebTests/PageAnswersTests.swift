import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// What the pages say, read from the HTML a browser gets.
@Suite struct PageAnswersTests {
    @Test func gainChartShowsSharesThatAddUpToOne() async throws {
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/popularity")
            let start = try #require(page.body.range(of: "<title>Gain (share of loss reduction)</title>"))
            let chart = page.body[start.upperBound...]
            let end = try #require(chart.range(of: "</svg>"))
            let values = chart[..<end.lowerBound].matches(of: /<title>[^<:]+: ([0-9.,]+)<\/title>/)
                .compactMap { Double($0.1.replacingOccurrences(of: ",", with: "")) }
            #expect(values.count >= 5)
            #expect(values.allSatisfy { $0 >= 0 && $0 <= 1 })
            #expect(abs(values.reduce(0, +) - 1) < 0.01)
        }
    }

    @Test func playlistSaysWhichTracksTheM3UCannotHold() async throws {
        let derived: String = try #require(try await WebFixture.scalar("SELECT track_id FROM tracks WHERE track_id LIKE 'jb-%' LIMIT 1"))
        let spotify: String = try #require(try await WebFixture.scalar("SELECT track_id FROM tracks WHERE track_id NOT LIKE 'jb-%' LIMIT 1"))
        try await WebFixture.app().test(.router) { client in
            let mixed = try await client.fetch("/recommend?playlist=\(spotify),\(derived)")
            #expect(mixed.body.contains("1 of these 2 tracks have no Spotify id"))
            let m3u = try await client.fetch("/recommend/playlist.m3u?ids=\(spotify),\(derived)")
            #expect(m3u.body.components(separatedBy: "#EXTINF:").count == 2)
            let plain = try await client.fetch("/recommend?playlist=\(spotify)")
            #expect(!plain.body.contains("m3u-left-out"))
        }
    }
}
