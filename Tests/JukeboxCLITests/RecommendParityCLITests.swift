import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// One engine behind every path: for the same seed, `jukebox recommend`, `/api/recommend` and the page that shows it
/// give the same ids in the same order with the same scores: a track by id and by name (`/recommend`), a playlist
/// (`--playlist`, Recommend's Playlists view) and a listener (`--listener`, the Listening page); before and after a
/// retrain on a new dump.
struct RecommendParityCLITests {
    @Test func cliAndWebRecommendTheSameTracks() throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        let playlists = repositoryRoot.appendingPathComponent("data/samples/spotify_playlists_sample.csv").path
        let history = repositoryRoot.appendingPathComponent("data/samples/history/Streaming_History_Audio_2023.json").path
        #expect(try jukebox(["ingest", "--db", db, sampleSpotify, playlists]).status == 0)
        #expect(try jukebox(["ingest", "--db", db, "--listener", "anna", history]).status == 0)
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
        func q(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }

        let seeds = try jukebox(["sql", "--db", db, "SELECT track_id FROM v_audio_features ORDER BY track_id LIMIT 4", "--format", "csv"])
            .stdout.split(separator: "\n").dropFirst().map(String.init)
        let named = try jukebox(["sql", "--db", db, "SELECT artists || ' - ' || track_name FROM v_tracks WHERE track_id IN (SELECT track_id FROM playlist_tracks) AND artists NOT LIKE '%;%' ORDER BY track_id LIMIT 2", "--format", "csv"])
            .stdout.split(separator: "\n").dropFirst().map(String.init)
        try #require(seeds.count == 4 && named.count == 2)
        var asked: [(cli: [String], page: String, table: String, api: String)] = []
        for seed in seeds { asked.append(([seed], "/recommend?track=\(seed)", "recommendations", "/api/recommend?track=\(seed)")) }
        for seed in named { asked.append(([seed], "/recommend?q=\(q(seed))", "recommendations", "/api/recommend?q=\(q(seed))")) }
        asked.append((["--playlist", "Permanent Wave"], "/recommend?continue=\(q("Permanent Wave"))", "continuation", "/api/recommend?continue=\(q("Permanent Wave"))"))
        asked.append((["--listener", "anna"], "/listening?listener=anna", "listener-recommendations", "/api/recommend?listener=anna"))
        // First as trained; then a new dump, and every path answers from the newest data alike.
        for round in 0..<2 {
            if round == 1 { #expect(try jukebox(["ingest", "--db", db, sampleTopHits]).status == 0) }
            for (args, pagePath, table, apiPath) in asked {
                let cli = try jukebox(["recommend", "--db", db] + args + ["--format", "json"])
                #expect(cli.status == 0, "\(cli.stderr)")
                let rows = try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [[String: Any]] ?? []
                let cliIDs = rows.compactMap { $0["track_id"] as? String }
                let cliScores = rows.compactMap { $0["score"] as? Double }
                let web = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(string: base + apiPath)!)) as? [String: Any] ?? [:]
                let items = web["items"] as? [[String: Any]] ?? []
                let webIDs = items.compactMap { ($0["track"] as? [String: Any])?["track_id"] as? String }
                let webScores = items.compactMap { $0["score"] as? Double }
                let page = try String(contentsOf: URL(string: base + pagePath)!, encoding: .utf8)
                let section = page.components(separatedBy: "<table id=\"\(table)\">").dropFirst().first?.components(separatedBy: "</table>").first ?? ""
                let pageIDs = section.components(separatedBy: "<tr data-track=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
                #expect(cliIDs.count == 10, "\(args)")
                #expect(cliIDs == webIDs && cliIDs == pageIDs, "\(args), round \(round)")
                // The score beside each result is what ranks it (highest first), the same in the CLI and the API.
                #expect(cliScores.count == 10 && zip(cliScores, webScores).allSatisfy { abs($0 - $1) < 1e-9 } && cliScores == cliScores.sorted(by: >),
                        "\(args), round \(round)")
            }
        }

        let seed = seeds[0]
        // The same M3U: `playlist --format m3u` and the web download of the same tracks, byte for byte.
        let cliM3U = try jukebox(["playlist", "--db", db, "--seed", seed, "-c", "6", "--format", "m3u"])
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
