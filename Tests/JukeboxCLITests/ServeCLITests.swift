import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `jukebox serve` on a taken port fails at once, before it announces or prepares anything.
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
}
