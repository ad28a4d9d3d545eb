import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `jukebox serve` on a taken port fails at once, before it announces or prepares anything; it answers only
/// requests addressed to its own names.
struct ServeCLITests {
    /// A socket listening on a free loopback port, and that port.
    func listeningSocket() throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address -> Bool in
                bind(descriptor, address, length) == 0 && listen(descriptor, 1) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        try #require(bound)
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    @Test func serveOnAPortInUseFailsBeforeAnnouncing() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        #expect(try jukebox(["ingest", "--db", db, sampleTopHits]).status == 0)
        let (descriptor, port) = try listeningSocket()
        defer { close(descriptor) }
        let result = try jukebox(["serve", "--db", db, "--port", String(port)])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "jukebox: error: port \(port) on 127.0.0.1 is in use (choose another with --port)\n")
    }

    /// Sends `request` to the loopback `port`, retrying the connection while the server starts, and reads the answer
    /// until the server closes the connection.
    func exchange(_ request: String, port: Int) throws -> String {
        for _ in 0..<1200 {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(descriptor) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            guard connected else { usleep(100_000); continue }
            var limit = timeval(tv_sec: 120, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            let bytes = Array(request.utf8)
            _ = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while case let count = recv(descriptor, &buffer, buffer.count, 0), count > 0 { received += buffer[..<count] }
            return String(decoding: received, as: UTF8.self)
        }
        throw CLIFailure("nothing listens on port \(port)")
    }

    @Test func serveAnswersOnlyRequestsAddressedToItsOwnNames() throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        let history = folder.appendingPathComponent("StreamingHistory_music_0.json")
        try Data(#"[{"endTime": "2024-01-02 10:00", "artistName": "Someone", "trackName": "Private", "msPlayed": 200000}]"#.utf8).write(to: history)
        #expect(try jukebox(["ingest", "--db", db, sampleTopHits]).status == 0)
        #expect(try jukebox(["ingest", "--db", db, "--listener", "me", history.path]).status == 0)
        let (descriptor, port) = try listeningSocket()
        close(descriptor)
        let server = try start(["serve", "--db", db, "--port", String(port), "--allow-host", "jukebox.test"])
        defer { server.terminate(); server.waitUntilExit() }
        func get(_ path: String, _ headers: String) throws -> String {
            try exchange("GET \(path) HTTP/1.1\r\n\(headers)Connection: close\r\n\r\n", port: port)
        }
        let listens = "/api/sql?q=select+*+from+listens"

        // A page on a name rebound to 127.0.0.1 reads nothing.
        let rebound = try get(listens, "Host: attacker.example:\(port)\r\n")
        #expect(rebound.hasPrefix("HTTP/1.1 421 Misdirected Request\r\n"))
        #expect(rebound.hasSuffix("\r\n\r\nThis server answers only requests addressed to localhost, 127.0.0.1, [::1], jukebox.test "
            + "(jukebox serve --allow-host NAME adds a name).\n"))
        #expect(!rebound.contains("Private"))
        #expect(try get(listens, "").hasPrefix("HTTP/1.1 421"), "a request without Host")
        // Its own names, and the one allowed, are answered.
        for name in ["127.0.0.1:\(port)", "localhost", "jukebox.test:\(port)"] {
            let own = try get(listens, "Host: \(name)\r\n")
            #expect(own.hasPrefix("HTTP/1.1 200 OK\r\n"), "Host \(name)")
            #expect(own.contains("Private"), "Host \(name)")
        }
        // An API call from another site's page, and a method the page does not take.
        let crossOrigin = try get(listens, "Host: 127.0.0.1:\(port)\r\nOrigin: http://attacker.example\r\n")
        #expect(crossOrigin.hasPrefix("HTTP/1.1 403 Forbidden\r\n"))
        #expect(!crossOrigin.contains("Private"))
        let options = try exchange("OPTIONS /genres HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", port: port)
        #expect(options.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n"))
        #expect(options.contains("\r\nAllow: GET, HEAD\r\n"))
    }

    @Test func allowHostTakesOnlyHostNames() throws {
        let db = try temporaryFolder().appendingPathComponent("w.sqlite").path
        #expect(try jukebox(["ingest", "--db", db, sampleTopHits]).status == 0)
        let result = try jukebox(["serve", "--db", db, "--allow-host", "http://x/"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--allow-host 'http://x/' is not a host name or IP address"))
    }
}

struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
