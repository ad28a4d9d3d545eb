import Analytics
import Core
import Foundation
import Hummingbird

/// `/recommend`, `/recommend/playlist.m3u`, `/api/search` and `/api/recommend`.
struct RecommendController: Sendable {
    let services: WebServices

    func register(on router: Router<WebContext>) {
        router.get("/recommend") { request, _ in
            let playlistIDs = Self.ids(request.parameter("playlist"))
            let query = request.parameter("q")
            let controls = RecommendControls(request)
            var recommendations: Recommendations?
            var problem: String?
            var status = HTTPResponse.Status.ok
            do {
                if let seed = try await seedID(track: request.parameter("track"), query: query) {
                    recommendations = try await recommend(seed, controls)
                }
            } catch {
                let (code, message, expected) = WebError.classify(error)
                guard expected else { throw error }
                status = code
                // A near miss asks again: another track with the same controls, or the same track with another genre.
                problem = ErrorMessage.html(message, error: error) { suggestion in
                    ErrorMessage.isUnknownGenre(error)
                        ? RecommendPage.address(track: request.parameter("track"), query: query, playlist: playlistIDs, controls: controls.with(genre: suggestion))
                        : RecommendPage.address(track: nil, query: suggestion, playlist: playlistIDs, controls: controls)
                }
            }
            let playlist = try await facts(playlistIDs)
            // The Playlists view: a playlist's continuation.
            let continueQuery = request.parameter("continue").map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            var continuation: RecommendationAnswer?
            var continuationProblem: String?
            if let continueQuery {
                do {
                    continuation = try await continuePlaylist(continueQuery, controls)
                } catch {
                    let (code, message, expected) = WebError.classify(error)
                    guard expected else { throw error }
                    status = code
                    continuationProblem = ErrorMessage.html(message, error: error) { suggestion in
                        RecommendPage.continueAddress(ErrorMessage.isUnknownGenre(error) ? continueQuery : suggestion,
                                                      controls: ErrorMessage.isUnknownGenre(error) ? controls.with(genre: suggestion) : controls)
                    }
                }
            }
            let playlists = try await services.cached("playlists") { try NameLookup.playlists(in: $0) }
            let genres = try await services.cached("genre-names") { try NameLookup.genres(in: $0) }
            return Reply.html(PageLayout(title: "Recommend", section: .recommend).render(
                RecommendPage.body(query: query, recommendations: recommendations, error: problem, playlist: playlist, controls: controls)
                    + RecommendPage.continuation(playlists: playlists, query: continueQuery, answer: continuation, error: continuationProblem,
                                                 controls: controls)
                    + RecommendPage.genreNames(genres)),
                status: status)
        }
        router.get("/recommend/playlist.m3u") { request, _ in
            let tracks = try await facts(Self.ids(request.parameter("ids")))
            guard !tracks.isEmpty else { throw WebError.badRequest("the playlist is empty: give track ids as ?ids=ID,ID") }
            return Reply.download(try M3UPlaylist(tracks: tracks).render(), contentType: "audio/x-mpegurl; charset=utf-8", fileName: "jukebox-playlist.m3u")
        }
        router.get("/api/search") { request, _ in
            let text = request.parameter("q") ?? ""
            return try Reply.json(try await services.withReader { try TrackSearch.run($0, text: text) })
        }
        router.get("/api/recommend") { request, _ in
            let controls = RecommendControls(request)
            // The same answers as the pages: a playlist's continuation (Recommend's Playlists view), a listener's (Listening).
            if let playlist = request.parameter("continue") {
                return try Reply.json(Recommendations(seed: nil, answer: try await continuePlaylist(playlist, controls)))
            }
            if let listener = request.parameter("listener") {
                return try Reply.json(try await services.withReader { [services] reader in
                    var ask = RecommendationRequest(seed: .listener(listener))
                    (ask.count, ask.filters) = try controls.resolved(reader)
                    return Recommendations(seed: nil, answer: try services.recommend(ask, in: reader))
                })
            }
            guard let seed = try await seedID(track: request.parameter("track"), query: request.parameter("q")) else {
                throw WebError.badRequest("give a track as ?track=ID or ?q=TEXT, a playlist as ?continue=NAME_OR_ID or a listener as ?listener=NAME")
            }
            return try Reply.json(try await recommend(seed, controls))
        }
    }

    /// Up to 100 distinct ids from a comma-separated list.
    static func ids(_ text: String?) -> [String] {
        var seen = Set<String>()
        return (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0.count <= 80 && seen.insert($0).inserted }.prefix(100).map { $0 }
    }

    /// The seed as `jukebox recommend` reads it: an id, a Spotify link, "artist - title" or a title (`NameLookup.track`).
    func seedID(track: String?, query: String?) async throws -> String? {
        if let track { return track }
        guard let query else { return nil }
        return try await services.withReader { try NameLookup.track(query, in: $0).trackID }
    }

    /// The answer `jukebox recommend SEED -c N --genre G --min-popularity A --max-popularity B` gives.
    func recommend(_ seedID: String, _ controls: RecommendControls) async throws -> Recommendations {
        try await services.withReader { [services] reader in
            guard let seed = try TrackRef.fetch(reader, ids: [seedID])[seedID] else {
                throw WebError.notFound("There is no track with the id \(seedID).")
            }
            var request = RecommendationRequest(seed: .tracks([seedID]))
            (request.count, request.filters) = try controls.resolved(reader)
            return Recommendations(seed: seed, answer: try services.recommend(request, in: reader))
        }
    }

    /// The answer `jukebox recommend --playlist NAME_OR_ID` gives with the same filters, the standard blend.
    func continuePlaylist(_ query: String, _ controls: RecommendControls) async throws -> RecommendationAnswer {
        try await services.withReader { [services] reader in
            var request = RecommendationRequest(seed: .playlist(query))
            (request.count, request.filters) = try controls.resolved(reader)
            return try services.recommend(request, in: reader)
        }
    }

    /// The tracks of a playlist, in its order.
    func facts(_ ids: [String]) async throws -> [M3UWriter.Entry] {
        guard !ids.isEmpty else { return [] }
        let found = try await services.withReader { try TrackEntries.fetch($0, ids: ids) }
        return ids.compactMap { found[$0] }
    }
}
