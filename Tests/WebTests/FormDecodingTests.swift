import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// Browsers submit GET forms as application/x-www-form-urlencoded: a space is `+`. Every route must read it so.
@Suite struct FormDecodingTests {
    @Test func plusIsASpaceAndPercentEscapesAreDecoded() {
        let form = FormQuery("q=SELECT+genres%2C+count(*)+AS+n&artist=Taylor+Swift&x=a%2Bb&empty=&flag&bad=100%25+%ZZ")
        #expect(form.last("q") == "SELECT genres, count(*) AS n")
        #expect(form.last("artist") == "Taylor Swift")
        #expect(form.last("x") == "a+b")
        #expect(form.last("empty") == "")
        #expect(form.last("flag") == "")
        #expect(form.last("bad") == "100% %ZZ")
        #expect(form.last("missing") == nil)
        #expect(FormQuery("f=a&f=b+c").all("f") == ["a", "b c"])
        #expect(FormQuery("caf%C3%A9+name=x").last("café name") == "x")
        #expect(FormQuery(nil).pairs.isEmpty)
    }

    @Test func sqlConsoleRunsAQueryTypedWithSpaces() async throws {
        try await WebFixture.app().test(.router) { client in
            let reply = try await client.fetch("/api/sql?q=SELECT+count(*)+AS+tracks+FROM+v_tracks+WHERE+track_name+%3D+%27Comedy%27")
            #expect(reply.status == .ok)
            let results = try #require(reply.json["statements"] as? [[String: Any]])
            #expect(results.first?["columns"] as? [String] == ["tracks"])
            #expect((results.first?["rows"] as? [[Any]])?.first?.first as? Int == 1)
            let page = try await client.fetch("/sql?q=SELECT+genres%2C+count(*)+AS+tracks+FROM+v_tracks+GROUP+BY+1")
            #expect(page.status == .ok)
            #expect(page.body.contains("<table"))
            #expect(!page.body.contains("syntax error"))
        }
    }

    @Test func recommendFindsAnArtistDashTitleTypedWithSpaces() async throws {
        try await WebFixture.app().test(.router) { client in
            let reply = try await client.fetch("/api/recommend?q=Ben+Woodward+-+Ghost+-+Acoustic")
            #expect(reply.status == .ok)
            #expect((reply.json["seed"] as? [String: Any])?["track_id"] as? String == "4qPNDBW1i3p13qLCt0Ki3A")
        }
    }

    @Test func genreSlidersTakePlainDecimalsAndWholeKeysAndModes() async throws {
        try await WebFixture.app().test(.router) { client in
            let refused = [
                "key=5.5": "key must be a whole number from 0 to 11 (got 5.5)",
                "mode=0.5": "mode must be a whole number from 0 to 1 (got 0.5)",
                "time_signature=3.25": "time_signature must be a whole number from 0 to 7 (got 3.25)",
                "explicit=0.1": "explicit must be a whole number from 0 to 1 (got 0.1)",
                "key=-1": "key must be from 0 to 11 (got -1)",
                "key=12": "key must be from 0 to 11 (got 12)",
                "key=0x5": "key must be a number from 0 to 11 (got '0x5')",
                "energy=0x1p-1": "energy must be a number from 0 to 1 (got '0x1p-1')",
                "tempo=0x1.8p6": "tempo must be a number from 40 to 220 (got '0x1.8p6')",
                "energy=nan": "energy must be a number from 0 to 1 (got 'nan')",
                "energy=1e400": "energy must be a number from 0 to 1 (got '1e400')",
            ]
            for (query, message) in refused {
                let reply = try await client.fetch("/api/genres/predict?" + query)
                #expect(reply.status == .badRequest, "\(query)")
                #expect(reply.json["error"] as? String == message, "\(query)")
            }
            let answered = try await client.fetch("/api/genres/predict?key=7&mode=0&time_signature=3.0&energy=5e-1&tempo=%2B120")
            #expect(answered.status == .ok)
            let features = try #require(answered.json["features"] as? [String: Double])
            #expect(features["key"] == 7)
            #expect(features["mode"] == 0)
            #expect(features["time_signature"] == 3)
            #expect(features["energy"] == 0.5)
            #expect(features["tempo"] == 120)
        }
    }

    @Test func trendsFilterByAnArtistTypedWithSpaces() async throws {
        try await WebFixture.app().test(.router) { client in
            let reply = try await client.fetch("/api/trends?by=genre&artist=Ben+Woodward")
            #expect(reply.status == .ok)
            #expect(!reply.body.contains("no artist"))
        }
    }
}
