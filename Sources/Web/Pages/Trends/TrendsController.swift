import Foundation
import Analytics
import Hummingbird

/// `/trends` and `/api/trends`: ?by=year|decade|snapshot|genre&feature=energy&feature=valence&genre=...&artist=...
struct TrendsController: Sendable {
    let services: WebServices

    static let defaultFeatures: [TrackFeature] = [.energy, .danceability, .valence, .acousticness]

    func register(on router: Router<BasicRequestContext>) {
        router.get("/trends") { request, _ in
            let query = try Self.query(request)
            var body = TrendsPage.form(features: query.features, grouping: query.grouping, genre: query.genre, artist: query.artist)
            var status = HTTPResponse.Status.ok
            do {
                let (trends, note) = try await dataWithFallback(query, explicitGrouping: request.parameter("by") != nil)
                if let note { body += "<p class=\"note\">" + HTML.escape(note) + "</p>" }
                body += TrendsPage.charts(trends)
            } catch {
                let (code, message, expected) = WebError.classify(error)
                guard expected else { throw error }
                status = code
                body += "<p class=\"error\">" + HTML.escape(message) + "</p>"
            }
            return Reply.html(PageLayout(title: "Trends", section: .trends).render(body), status: status)
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
            grouping = .decade
        }
        var features: [TrackFeature] = []
        for name in request.parameters("feature") where !name.isEmpty {
            let feature = try NameLookup.feature(name)
            if !features.contains(feature) { features.append(feature) }
        }
        return TrendQuery(features: features.isEmpty ? defaultFeatures : features, grouping: grouping,
                          genre: request.parameter("genre"), artist: request.parameter("artist"))
    }

    /// Without an explicit grouping, decades where the warehouse has release years, else genres, else snapshots.
    func dataWithFallback(_ query: TrendQuery, explicitGrouping: Bool) async throws -> (TrendsData, String?) {
        guard !explicitGrouping else { return (try await data(query), nil) }
        var firstError: (any Error)?
        for grouping in [TrendGrouping.decade, .genre, .snapshot] {
            var attempt = query
            attempt.grouping = grouping
            do {
                let trends = try await data(attempt)
                let note = firstError.map { _ in "No tracks have release years, so the trends are by \(grouping.rawValue)." }
                return (trends, note)
            } catch let error as AnalyticsError {
                if firstError == nil { firstError = error }
            }
        }
        throw firstError ?? WebError.badRequest("no trends to show")
    }

    func data(_ query: TrendQuery) async throws -> TrendsData {
        let key = "trends:\(query.grouping.rawValue):\(query.features.map(\.rawValue).joined(separator: ",")):\(query.genre ?? ""):\(query.artist ?? "")"
        if query.genre == nil, query.artist == nil {
            return try await services.cached(key) { try TrendsData.load($0, query: query) }
        }
        return try await services.read { try TrendsData.load($0, query: query) }
    }
}
