import Analytics
import Foundation
import Hummingbird
import Store

/// `/trends`, `/trends.csv?chart=FEATURE` and `/api/trends`: ?by=year|decade|snapshot|genre&feature=energy&feature=valence&genre=...&artist=...
struct TrendsController: Sendable {
    let services: WebServices

    static let defaultFeatures: [TrackFeature] = [.energy, .danceability, .valence, .acousticness]

    func register(on router: Router<WebContext>) {
        router.get("/trends") { request, _ in
            let asked = try Self.request(request)
            var shown = asked.grouping ?? .genre
            var results = ""
            var status = HTTPResponse.Status.ok
            do {
                let (trends, note) = try await answer(asked)
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
            let body = TrendsPage.form(features: asked.features, grouping: shown, genre: asked.genre, artist: asked.artist) + results
            return Reply.html(PageLayout(title: "Trends", section: .trends).render(body), status: status)
        }
        router.get("/trends.csv") { request, _ in
            let trends = try await answer(try Self.request(request)).data
            return try ChartTable.download(TrendsPage.tables(trends), chart: request.parameter("chart"), page: "trends")
        }
        router.get("/api/trends") { request, _ in
            try Reply.json(try await answer(try Self.request(request)).data)
        }
    }

    /// The page's question: every group is drawn (small ones set apart), so no group limit.
    static func request(_ request: Request) throws -> TrendRequest {
        var grouping: TrendGrouping?
        if let by = request.parameter("by") {
            guard let value = TrendGrouping(rawValue: by.lowercased()) else {
                throw WebError.badRequest("by must be one of " + TrendGrouping.allCases.map(\.rawValue).joined(separator: ", "))
            }
            grouping = value
        }
        let features = try TrendRequest.features(named: request.parameters("feature"))
        return TrendRequest(features: features.isEmpty ? defaultFeatures : features, grouping: grouping,
                            genre: request.parameter("genre"), artist: request.parameter("artist"), groups: 0)
    }

    /// The page's default question (the report shows it).
    static let defaultRequest = TrendRequest(features: defaultFeatures, groups: 0)

    /// One read per request: the plan (names resolved once; without `by`, the grouping every Jukebox view shares, with
    /// its note) and the data it reads. Without a genre or artist the answer is cached until the data changes.
    func answer(_ request: TrendRequest) async throws -> (data: TrendsData, note: String?) {
        guard request.genre == nil, request.artist == nil else { return try await services.withReader { try Self.load($0, request) } }
        let key = "trends:\(request.grouping?.rawValue ?? "default"):\(request.features.map(\.rawValue).joined(separator: ","))"
        return try await services.cached(key) { try Self.load($0, request) }
    }

    /// The data and, when the default rule chose the grouping, its note ("Trends are grouped by decade: ...").
    static func load(_ reader: WarehouseReader, _ request: TrendRequest) throws -> (data: TrendsData, note: String?) {
        let plan = try Trends.plan(request, in: reader)
        var note: String?
        if case let .defaulted(reason) = plan.groupingSource { note = "Trends are " + reason + "." }
        return (try TrendsData.load(reader, plan: plan), note)
    }
}
