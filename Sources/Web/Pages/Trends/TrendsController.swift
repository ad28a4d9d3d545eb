import Foundation
import Analytics
import Hummingbird

/// `/trends`, `/trends.csv?chart=FEATURE` and `/api/trends`: ?by=year|decade|snapshot|genre&feature=energy&feature=valence&genre=...&artist=...
struct TrendsController: Sendable {
    let services: WebServices

    static let defaultFeatures: [TrackFeature] = [.energy, .danceability, .valence, .acousticness]

    func register(on router: Router<WebContext>) {
        router.get("/trends") { request, _ in
            let query = try Self.query(request)
            var shown = query.grouping
            var results = ""
            var status = HTTPResponse.Status.ok
            do {
                let (trends, note) = try await dataWithFallback(query, explicitGrouping: request.parameter("by") != nil)
                shown = TrendGrouping(rawValue: trends.grouping) ?? shown
                if let note { results += "<p class=\"note\" id=\"trends-default\">" + HTML.escape(note) + "</p>" }
                results += TrendsPage.charts(trends, links: TrendsPage.links(trends))
            } catch {
                let (code, message, expected) = WebError.classify(error)
                guard expected else { throw error }
                status = code
                // A near miss asks again with the suggested genre or artist in place of the mistyped one.
                let name = ErrorMessage.isUnknownGenre(error) ? "genre" : "artist"
                results += ErrorMessage.html(message, error: error) { suggestion in
                    "/trends?" + request.form.pairs.map { ($0.name, $0.name == name ? suggestion : $0.value) }
                        .map { "\($0.0)=" + HTML.query($0.1) }.joined(separator: "&")
                }
            }
            let body = TrendsPage.form(features: query.features, grouping: shown, genre: query.genre, artist: query.artist) + results
            return Reply.html(PageLayout(title: "Trends", section: .trends).render(body), status: status)
        }
        router.get("/trends.csv") { request, _ in
            let trends = try await dataWithFallback(try Self.query(request), explicitGrouping: request.parameter("by") != nil).0
            return try ChartTable.download(TrendsPage.tables(trends), chart: request.parameter("chart"), page: "trends")
        }
        router.get("/api/trends") { request, _ in
            try Reply.json(try await dataWithFallback(try Self.query(request), explicitGrouping: request.parameter("by") != nil).0)
        }
    }

    static func query(_ request: Request) throws -> TrendQuery {
        let grouping: TrendGrouping
        if let by = request.parameter("by") {
            guard let value = TrendGrouping(rawValue: by.lowercased()) else {
                throw WebError.badRequest("by must be one of " + TrendGrouping.allCases.map(\.rawValue).joined(separator: ", "))
            }
            grouping = value
        } else {
            grouping = .genre  // replaced by the shared default in dataWithFallback
        }
        var features: [TrackFeature] = []
        for name in request.parameters("feature") where !name.isEmpty {
            let feature = try NameLookup.feature(name)
            if !features.contains(feature) { features.append(feature) }
        }
        return TrendQuery(features: features.isEmpty ? defaultFeatures : features, grouping: grouping,
                          genre: request.parameter("genre"), artist: request.parameter("artist"))
    }

    /// Without an explicit grouping, the default every Jukebox view shares (`Trends.defaultGrouping`), with its note.
    func dataWithFallback(_ query: TrendQuery, explicitGrouping: Bool) async throws -> (TrendsData, String?) {
        guard !explicitGrouping else { return (try await data(query), nil) }
        let (grouping, note) = try await services.withReader { try Trends.defaultGrouping(query, in: $0) }
        var chosen = query
        chosen.grouping = grouping
        return (try await data(chosen), "Trends are " + note + ".")
    }

    func data(_ query: TrendQuery) async throws -> TrendsData {
        let key = "trends:\(query.grouping.rawValue):\(query.features.map(\.rawValue).joined(separator: ",")):\(query.genre ?? ""):\(query.artist ?? "")"
        if query.genre == nil, query.artist == nil {
            return try await services.cached(key) { try TrendsData.load($0, query: query) }
        }
        return try await services.withReader { try TrendsData.load($0, query: query) }
    }
}
