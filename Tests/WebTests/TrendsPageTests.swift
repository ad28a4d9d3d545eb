import Analytics
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// The Trends page answers from the same plan as `jukebox trends`: the same grouping and note for the same question.
struct TrendsPageTests {
    @Test func aFilteredPageGroupsAndExplainsAsThePlanDoes() async throws {
        let (grouping, note) = try await WebFixture.warehouse.read { reader -> (String, String) in
            let plan = try Trends.plan(TrendRequest(features: [.energy], genre: "POP", groups: 0), in: reader)
            guard case let .defaulted(note) = plan.groupingSource else { return (plan.query.grouping.rawValue, "") }
            return (plan.query.grouping.rawValue, note)
        }
        try #require(!note.isEmpty)
        let (withYear, total) = try await WebFixture.warehouse.read { reader -> (Int, Int) in
            try Trends.yearCoverage(TrendQuery(features: [.energy], grouping: .decade, genre: "pop"), in: reader)
        }
        // The note counts the genre's tracks, not the warehouse's.
        #expect(note.hasSuffix("\(withYear.formatted()) of \(total.formatted()) tracks have a release year"))
        let all: Int = try #require(try await WebFixture.scalar("SELECT count(*) FROM tracks"))
        #expect(total < all)
        try await WebFixture.app().test(.router) { client in
            let page = try await client.fetch("/trends?genre=POP&feature=energy")
            #expect(page.body.contains("<p class=\"note\" id=\"trends-default\">Trends are \(HTML.escape(note)).</p>"), "\(page.body)")
            #expect(page.body.contains("<option value=\"\(grouping)\" selected>"))
            let json = try await client.fetch("/api/trends?genre=POP&feature=energy").json
            #expect(json["grouping"] as? String == grouping && json["genre"] as? String == "POP")
            // Asked by genre, there is no default to explain.
            let asked = try await client.fetch("/trends?by=genre&genre=POP&feature=energy")
            #expect(!asked.body.contains("id=\"trends-default\"") && asked.body.contains("<option value=\"genre\" selected>"))
        }
    }
}
