import Foundation
import Hummingbird
import Logging
import Testing
@testable import Web
#if canImport(Glibc)
import Glibc
#endif

/// The web app listening on a loopback port of its own, with no test client holding a connection to it (the
/// router test client has no connections, and the live one keeps one open), so a test can count connections.
enum LoopbackServer {
    static func run<T: Sendable>(_ configuration: WebConfiguration, _ body: @Sendable (Int) async throws -> T) async throws -> T {
        var configuration = configuration
        configuration.port = try freePort()
        // Cancelling the server at the end logs the connections it cut: not a failure, so not shown.
        var quiet = Logger(label: "jukebox.web.test")
        quiet.logLevel = .critical
        let app = buildApplication(warehouse: WebFixture.warehouse, configuration: configuration, logger: quiet)
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        let result: Result<T, any Error>
        do { result = .success(try await body(configuration.port)) } catch { result = .failure(error) }
        // Stop the server and wait for it, so no test leaves a listener behind.
        server.cancel()
        _ = await server.result
        return try result.get()
    }

    /// A loopback port nobody listens on (bound, read, released).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = LoopbackConnection.address(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A raw TCP connection to a loopback port, to send a whole request, half of one or nothing, and see whether and
/// when the server closes it.
final class LoopbackConnection: @unchecked Sendable {
    let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    /// Connects, retrying while the server is still starting (a refused attempt costs the server nothing). The waits
    /// sleep the task, never a thread: the server starts on the same small pool.
    static func open(port: Int) async throws -> LoopbackConnection {
        for _ in 0..<1200 {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = address(port: port)
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            if connected {
                // A guard against a server that never answers or never closes: the read gives up and the test fails.
                var limit = timeval(tv_sec: 60, tv_usec: 0)
                setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
                return LoopbackConnection(descriptor: descriptor)
            }
            close(descriptor)
            try await Task.sleep(for: .milliseconds(100))
        }
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "nothing listens on port \(port)"])
    }

    deinit { close(descriptor) }

    static func address(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return address
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until `done` holds for what arrived, or the server closes: what arrived, and whether it closed.
    func read(until done: @escaping @Sendable (String) -> Bool = { _ in false }) async -> (text: String, closed: Bool) {
        // A blocking read, on a thread of its own: never on the pool the server and the other tests share.
        await withCheckedContinuation { continuation in
            Thread {
                var received: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while true {
                    let count = recv(self.descriptor, &buffer, buffer.count, 0)
                    if count <= 0 {
                        continuation.resume(returning: (String(decoding: received, as: UTF8.self), count == 0))
                        return
                    }
                    received += buffer[..<count]
                    if done(String(decoding: received, as: UTF8.self)) {
                        continuation.resume(returning: (String(decoding: received, as: UTF8.self), false))
                        return
                    }
                }
            }.start()
        }
    }

    /// Whether the server has closed this connection already, without waiting.
    var closedByServer: Bool {
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) == 0
    }
}
