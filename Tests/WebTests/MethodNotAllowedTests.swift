import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// A method a path does not take is 405 with the methods it does take, not 404 as for a path that does not exist.
@Suite struct MethodNotAllowedTests {
    @Test func otherMethodsOnAPageAreNotAllowedWithAnAllowHeader() async throws {
        try await WebFixture.app().test(.router) { client in
            for uri in ["/genres", "/", "/api/sql?q=SELECT+1", "/popularity/track/0000000000000000000001", "/api/popularity/track/x",
                        "/recommend/playlist.m3u", "/assets/app.js"] {
                for method in [HTTPRequest.Method.options, .put, .delete, .post, .patch, .init("PROPFIND")!] {
                    let reply = try await client.fetch(uri, method: method, headers: [:])
                    #expect(reply.status == .methodNotAllowed, "\(method) \(uri)")
                    #expect(reply.headers[.allow] == "GET, HEAD", "\(method) \(uri)")
                    #expect(reply.body.contains("This address answers GET, HEAD only."), "\(method) \(uri)")
                    #expect(reply.headers[.xContentTypeOptions] == "nosniff")
                }
            }
            let api = try await client.fetch("/api/overview", method: .delete, headers: [:])
            #expect(api.headers[.contentType] == "application/json; charset=utf-8")
            #expect(api.json["error"] as? String == "This address answers GET, HEAD only.")
            let page = try await client.fetch("/trends", method: .post, headers: [:])
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            // An address that does not exist stays 404 whatever the method; GET and HEAD are answered as before.
            #expect(try await client.fetch("/nope", method: .put, headers: [:]).status == .notFound)
            #expect(try await client.fetch("/genres/extra", method: .options, headers: [:]).status == .notFound)
            #expect(try await client.fetch("/genres", method: .head, headers: [:]).status == .ok)
            #expect(try await client.fetch("/genres").status == .ok)
        }
    }
}
