import Foundation
import Testing
@testable import Web

/// Connections that send nothing, or half a request, are closed by the server after the idle timeout, and past the
/// connection cap a new connection waits until one closes. Each test sets a short timeout and asserts what
/// happens and in which order, never how long it took.
@Suite struct ConnectionLimitTests {
    static let request = "GET /favicon.ico HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

    @Test func aConnectionThatSendsNothingIsClosedByTheServer() async throws {
        try await LoopbackServer.run(WebConfiguration(idleTimeout: .seconds(2))) { port in
            let silent = try await LoopbackConnection.open(port: port)
            let reply = await silent.read()
            #expect(reply.closed, "the server kept a silent connection open")
            #expect(reply.text.isEmpty)
        }
    }

    @Test func aConnectionThatSendsHalfARequestIsClosedByTheServer() async throws {
        try await LoopbackServer.run(WebConfiguration(idleTimeout: .seconds(2))) { port in
            let half = try await LoopbackConnection.open(port: port)
            half.send("GET /api/overview HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            let reply = await half.read()
            #expect(reply.closed, "the server kept a half-sent request open")
            #expect(reply.text.isEmpty)
        }
    }

    @Test func aConnectionPastTheCapWaitsUntilAnotherCloses() async throws {
        try await LoopbackServer.run(WebConfiguration(idleTimeout: .seconds(3), maxConnections: 1)) { port in
            // The first connection is answered, then idles: it holds the one place.
            let first = try await LoopbackConnection.open(port: port)
            first.send(Self.request)
            let answered = await first.read { $0.hasSuffix("\r\n\r\n") }
            #expect(answered.text.hasPrefix("HTTP/1.1 204"))
            // The second is answered only once the server has closed the first.
            let second = try await LoopbackConnection.open(port: port)
            second.send(Self.request)
            let reply = await second.read { $0.hasSuffix("\r\n\r\n") }
            #expect(reply.text.hasPrefix("HTTP/1.1 204"))
            #expect(first.closedByServer, "the second connection was answered while the first still held the only place")
        }
    }
}
