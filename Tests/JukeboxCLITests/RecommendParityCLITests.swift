import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `jukebox recommend SEED` and the web app's `/api/recommend?track=SEED` are one recommender: the same tracks in
/// the same order, whether the answer comes from the stored neighbours table or from an exact search.
struct RecommendParityCLITests {
    @Test func cliAndWebRecommendTheSameTracks() throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        #expect(try jukebox(["ingest", "--db", db, sampleSpotify]).status == 0)
        #expect(try jukebox(["train", "--db", db, "clusters", "--clusters", "5"]).status == 0)
        #expect(try jukebox(["train", "--db", db, "neighbours", "--neighbours", "12"]).status == 0)

        let port = try freePort()
        let server = try start(["serve", "--db", db, "--port", String(port)])
        defer { server.terminate(); server.waitUntilExit() }
        let base = "http://127.0.0.1:\(port)"
        var ready = false
        for _ in 0..<150 where !ready {
            ready = (try? Data(contentsOf: URL(string: base + "/favicon.ico")!)) != nil
            if !ready { usleep(100_000) }
        }
        try #require(ready, "the server did not start")

        let seeds = try jukebox(["sql", "--db", db, "SELECT track_id FROM v_audio_features ORDER BY track_id LIMIT 8", "--format", "csv"])
            .stdout.split(separator: "\n").dropFirst().map(String.init)
        var sources: [String] = []
        // First from the fresh neighbours table; then a new dump makes it stale, and both search every track exactly.
        for seed in seeds + ["newer dump"] + seeds {
            if seed == "newer dump" {
                #expect(try jukebox(["ingest", "--db", db, sampleTopHits]).status == 0)
                continue
            }
            let cli = try jukebox(["recommend", "--db", db, seed, "--format", "json"])
            #expect(cli.status == 0, "\(cli.stderr)")
            let cliIDs = (try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [[String: Any]] ?? []).compactMap { $0["track_id"] as? String }
            let web = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(string: base + "/api/recommend?track=" + seed)!)) as? [String: Any] ?? [:]
            let webIDs = (web["items"] as? [[String: Any]] ?? []).compactMap { ($0["track"] as? [String: Any])?["track_id"] as? String }
            #expect(cliIDs.count == 10)
            #expect(cliIDs == webIDs, "seed \(seed)")
            // The score beside each result is what ranks it (lowest first), the same in the CLI and the API.
            let cliScores = (try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [[String: Any]] ?? []).compactMap { $0["score"] as? Double }
            let webScores = (web["items"] as? [[String: Any]] ?? []).compactMap { $0["score"] as? Double }
            #expect(cliScores.count == 10 && webScores.count == 10, "seed \(seed)")
            #expect(zip(cliScores, webScores).allSatisfy { abs($0 - $1) < 1e-9 } && cliScores == cliScores.sorted(), "seed \(seed)")
            let source = web["source"] as? String ?? ""
            #expect(cli.stderr.contains("(\(source))"), "seed \(seed): the CLI and the web name the same source")
            sources.append(source.hasPrefix("stored") ? "stored" : "exact")
        }
        #expect(sources == Array(repeating: "stored", count: seeds.count) + Array(repeating: "exact", count: seeds.count))

        // The same M3U: `playlist --format m3u` and the web download of the same tracks, byte for byte.
        let cliM3U = try jukebox(["playlist", "--db", db, "--seed", seeds[0], "-c", "6", "--format", "m3u"])
        #expect(cliM3U.status == 0)
        let ids = cliM3U.stdout.split(separator: "\n").filter { $0.hasPrefix("spotify:track:") }.map { $0.dropFirst("spotify:track:".count) }
        #expect(!ids.isEmpty)
        let webM3U = try String(contentsOf: URL(string: base + "/recommend/playlist.m3u?ids=" + ids.joined(separator: ","))!, encoding: .utf8)
        #expect(webM3U == cliM3U.stdout)

        // The same default grouping of trends, with the same note.
        let cliTrends = try jukebox(["trends", "--db", db, "--feature", "energy", "--format", "csv"])
        let webTrends = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(string: base + "/api/trends?feature=energy")!)) as? [String: Any] ?? [:]
        let grouping = try #require(webTrends["grouping"] as? String)
        #expect(cliTrends.stdout.hasPrefix(grouping + ",feature,"))
    }

    /// A loopback port nobody listens on (bound, read, released).
    func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
