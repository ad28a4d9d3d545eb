import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// The console's JSON gives each statement's columns and rows as arrays, so a join's columns named alike both
/// arrive; a blob shows as its SQL literal, cut after 64 bytes.
@Suite struct SQLConsoleColumnsTests {
    @Test func columnsNamedAlikeAndBlobsArriveWhole() async throws {
        try await WebFixture.app().test(.router) { client in
            let sql = "SELECT 'a' AS name, 'b' AS name, x'00ff' AS blob, zeroblob(100) AS long"
            let api = try await client.fetch("/api/sql?q=\(q(sql))")
            #expect(api.status == .ok)
            let statement = try #require((api.json["statements"] as? [[String: Any]])?.first)
            #expect(statement["columns"] as? [String] == ["name", "name", "blob", "long"])
            #expect(statement["rows"] as? [[String]] == [["a", "b", "x'00ff'", "x'" + String(repeating: "00", count: 64) + "…'"]])
        }
    }
}
