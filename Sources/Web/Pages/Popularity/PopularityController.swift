import Foundation
import Hummingbird

/// `/popularity`, `/popularity/track/{id}`, their /api twins and their charts' data (`/popularity.csv?chart=NAME`,
/// `/popularity/shap.csv?track=ID`).
struct PopularityController: Sendable {
    let services: WebServices

    func register(on router: Router<WebContext>) {
        router.get("/popularity") { _, _ in
            Reply.html(PageLayout(title: "Popularity", section: .popularity).render(PopularityPage.body(try await data())))
        }
        router.get("/popularity.csv") { request, _ in
            try ChartTable.download(PopularityPage.tables(try await data()), chart: request.parameter("chart"), page: "popularity")
        }
        router.get("/popularity/shap.csv") { request, _ in
            guard let id = request.parameter("track") else { throw WebError.badRequest("give the track as ?track=ID") }
            return try ChartTable.download([PopularityPage.table(try await explain(id))], chart: "shap", page: "explanation")
        }
        router.get("/api/popularity") { _, _ in try Reply.json(try await data()) }
        router.get("/popularity/track/{id}") { _, context in
            let explanation = try await explain(try Self.trackID(context))
            return Reply.html(PageLayout(title: "Why this popularity? " + explanation.track.label, section: .popularity)
                .render(PopularityPage.explanation(explanation)))
        }
        router.get("/api/popularity/track/{id}") { _, context in try Reply.json(try await explain(try Self.trackID(context))) }
    }

    /// The path's track id, percent-decoded (the router hands it over as written in the URL).
    static func trackID(_ context: WebContext) throws -> String {
        let raw = try context.parameters.require("id")
        return raw.removingPercentEncoding ?? raw
    }

    func data() async throws -> PopularityData { try await services.cached("popularity", PopularityData.load) }

    func explain(_ id: String) async throws -> PopularityExplanation {
        try await services.withReader { try PopularityExplanation.load($0, trackID: id) }
    }
}
