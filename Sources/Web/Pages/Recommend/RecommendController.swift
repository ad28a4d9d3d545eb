import Foundation
import Analytics
import GRDB
import Hummingbird

/// `/recommend`, `/recommend/playlist.m3u`, `/api/search` and `/api/recommend`.
struct RecommendController: Sendable {
    let services: WebServices

    func register(on router: Router<WebContext>) {
        router.get("/recommend") { request, _ in
            let playlistIDs = Self.ids(request.parameter("playlist"))
            let query = request.parameter("q")
            var recommendations: Recommendations?
            var problem: String?
            var status = HTTPResponse.Status.ok
            do {
                if let seed = try await seedID(track: request.parameter("track"), query: query) {
                    recommendations = try await recommend(seed)
                }
            } catch {
                let (code, message, expected) = WebError.classify(error)
                guard expected else { throw error }
                status = code
                problem = message
            }
            let playlist = try await facts(playlistIDs)
            return Reply.html(PageLayout(title: "Recommend", section: .recommend).render(
                RecommendPage.body(query: query, recommendations: recommendations, error: problem, playlist: playlist)), status: status)
        }
        router.get("/recommend/playlist.m3u") { request, _ in
            let tracks = try await facts(Self.ids(request.parameter("ids")))
            guard !tracks.isEmpty else { throw WebError.badRequest("the playlist is empty: give track ids as ?ids=ID,ID") }
            return Reply.download(try M3UPlaylist(tracks: tracks).render(), contentType: "audio/x-mpegurl; charset=utf-8", fileName: "jukebox-playlist.m3u")
        }
        router.get("/api/search") { request, _ in
            let text = request.parameter("q") ?? ""
            return try Reply.json(try await services.read { try TrackSearch.run($0, text: text) })
        }
        router.get("/api/recommend") { request, _ in
            guard let seed = try await seedID(track: request.parameter("track"), query: request.parameter("q")) else {
                throw WebError.badRequest("give a track as ?track=ID or ?q=TEXT")
            }
            return try Reply.json(try await recommend(seed))
        }
    }

    /// Up to 100 distinct ids from a comma-separated list.
    static func ids(_ text: String?) -> [String] {
        var seen = Set<String>()
        return (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0.count <= 80 && seen.insert($0).inserted }.prefix(100).map { $0 }
    }

    func seedID(track: String?, query: String?) async throws -> String? {
        if let track { return track }
        guard let query else { return nil }
        return try await services.read { db in
            // Fast paths for an id or a bare title (most popular first); NameLookup handles "artist - title",
            // Spotify links and suggestions, but scans v_tracks for a bare title.
            if try String.fetchOne(db, sql: "SELECT track_id FROM tracks WHERE track_id = ?", arguments: [query]) != nil { return query }
            if !query.contains(" - "), let id = try String.fetchOne(db, sql: """
                SELECT t.track_id FROM tracks t WHERE t.name = ? COLLATE NOCASE
                ORDER BY (SELECT po.popularity FROM popularity_observations po WHERE po.track_id = t.track_id
                          ORDER BY po.ingest_id DESC LIMIT 1) DESC, t.track_id LIMIT 1
                """, arguments: [query]) {
                return id
            }
            return try NameLookup.track(query, in: db).trackID
        }
    }

    /// The same answer `jukebox recommend SEED` gives: one seed, ten results, no filters.
    func recommend(_ seedID: String) async throws -> Recommendations {
        let cache = services.cache
        return try await services.read { db in
            guard let seed = try Recommendations.facts(db, ids: [seedID])[seedID] else {
                throw WebError.notFound("There is no track with the id \(seedID).")
            }
            var request = RecommendationRequest()
            request.seeds = [(seedID, 1)]
            let stamp = try DataStamp.read(db)
            let answer = try Recommender().recommend(request, in: db, space: {
                try cache.value("audio-space", stamp: stamp) { try RecommendationSpace.load(db) }
            })
            return Recommendations(seed: seed, answer: answer)
        }
    }

    /// The tracks of a playlist, in its order.
    func facts(_ ids: [String]) async throws -> [Recommendations.TrackFacts] {
        guard !ids.isEmpty else { return [] }
        let found = try await services.read { try Recommendations.facts($0, ids: ids) }
        return ids.compactMap { found[$0] }
    }
}
