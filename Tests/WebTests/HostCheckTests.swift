import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// DNS rebinding: a page on attacker.example, whose name now resolves to 127.0.0.1, sends its own name as `Host`.
/// The server answers only its own names, and API calls from other sites' pages are refused.
@Suite struct HostCheckTests {
    static let host = HTTPFields.Element.Name("Host")!
    static let listens = "/api/sql?q=" + q("SELECT * FROM listens")

    @Test func requestsAddressedToAnotherNameAreMisdirected() async throws {
        try await WebFixture.app().test(.router) { client in
            for uri in [Self.listens, "/", "/genres", "/api/overview", "/nope", "/assets/app.js"] {
                for name in ["attacker.example", "attacker.example:8080", "localhost.attacker.example", "127.0.0.1.nip.io:8080",
                             "localhost:8080@attacker.example", "localhost:80:80", "[::2]:8080", ""] {
                    let reply = try await client.fetch(uri, headers: [Self.host: name])
                    #expect(reply.status == .misdirectedRequest, "\(uri) with Host \(name)")
                    #expect(reply.headers[.contentType] == "text/plain; charset=utf-8")
                    #expect(reply.body == "This server answers only requests addressed to localhost, 127.0.0.1, [::1] "
                        + "(jukebox serve --allow-host NAME adds a name).\n")
                }
            }
            // Its own names, in any case, with or without a port.
            for name in ["localhost", "LOCALHOST:8080", "127.0.0.1", "127.0.0.1:8080", "[::1]", "[::1]:8080"] {
                let reply = try await client.fetch(Self.listens, headers: [Self.host: name])
                #expect(reply.status == .ok, "Host \(name)")
                #expect(reply.json["statements"] != nil)
            }
        }
    }

    @Test func theServedAddressAndAllowedNamesAreAnswered() async throws {
        let configuration = WebConfiguration(host: "0.0.0.0", allowedHosts: ["Jukebox.LAN", "192.168.1.20:8080", "fe80::1"])
        try await buildApplication(warehouse: WebFixture.warehouse, configuration: configuration).test(.router) { client in
            for name in ["0.0.0.0:8080", "jukebox.lan", "jukebox.lan:9000", "192.168.1.20", "[fe80::1]:8080", "localhost"] {
                let reply = try await client.fetch("/api/overview", headers: [Self.host: name])
                #expect(reply.status == .ok, "Host \(name)")
            }
            let other = try await client.fetch("/api/overview", headers: [Self.host: "other.lan"])
            #expect(other.status == .misdirectedRequest)
            #expect(other.body.contains("localhost, 127.0.0.1, [::1], 0.0.0.0, jukebox.lan, 192.168.1.20, [fe80::1]"))
        }
    }

    @Test func crossOriginAPICallsAreForbidden() async throws {
        try await WebFixture.app().test(.router) { client in
            for origin in ["http://attacker.example", "https://attacker.example:8080", "null", "http://127.0.0.1.attacker.example",
                           "file://", "http://localhost@attacker.example"] {
                let api = try await client.fetch(Self.listens, headers: [.origin: origin])
                #expect(api.status == .forbidden, "\(origin)")
                #expect(api.body == "This server does not answer requests from other sites' pages.\n")
                // Any method but GET and HEAD, on any path.
                let put = try await client.fetch("/genres", method: .put, headers: [.origin: origin])
                #expect(put.status == .forbidden, "\(origin)")
                // A link from another site to a page is how people arrive: the page answers (and the browser keeps it
                // from that site's scripts).
                let page = try await client.fetch("/genres", headers: [.origin: origin])
                #expect(page.status == .ok, "\(origin)")
            }
            // The app's own pages call the API with their own origin, or with none.
            for origin in ["http://127.0.0.1:8080", "http://localhost:8080", "http://[::1]:8080"] {
                let api = try await client.fetch(Self.listens, headers: [.origin: origin])
                #expect(api.status == .ok, "\(origin)")
            }
            #expect(try await client.fetch(Self.listens).status == .ok)
        }
    }

    @Test func hostValuesAreReadWithOrWithoutAPort() {
        #expect(ServedHosts.hostName(ofAuthority: "LocalHost:8080") == "localhost")
        #expect(ServedHosts.hostName(ofAuthority: "[::1]") == "[::1]")
        #expect(ServedHosts.hostName(ofAuthority: "[::1]:80") == "[::1]")
        #expect(ServedHosts.hostName(ofAuthority: "localhost:") == "localhost")
        #expect(ServedHosts.hostName(ofAuthority: "localhost:8o") == nil)
        #expect(ServedHosts.hostName(ofAuthority: "localhost:123456") == nil)
        #expect(ServedHosts.hostName(ofAuthority: "[::1]x") == nil)
        #expect(ServedHosts.hostName(ofAuthority: ":8080") == nil)
        #expect(ServedHosts.canonical("::1") == "[::1]")
        #expect(ServedHosts.canonical("Example.COM:81") == "example.com")
        #expect(WebConfiguration.isValidHostName("jukebox.lan"))
        #expect(WebConfiguration.isValidHostName("[fe80::1]:8080"))
        #expect(!WebConfiguration.isValidHostName("a b"))
        #expect(!WebConfiguration.isValidHostName("user@host"))
        #expect(!WebConfiguration.isValidHostName("http://host"))
        #expect(!WebConfiguration.isValidHostName(""))
    }
}

extension TestClientProtocol {
    func fetch(_ uri: String, method: HTTPRequest.Method = .get, headers: HTTPFields) async throws -> Fetched {
        try await execute(uri: uri, method: method, headers: headers) { response in
            Fetched(status: response.status, headers: response.headers, body: String(decoding: response.body.readableBytesView, as: UTF8.self))
        }
    }
}
