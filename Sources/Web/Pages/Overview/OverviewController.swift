import Hummingbird

/// `/` and `/api/overview`.
struct OverviewController: Sendable {
    let services: WebServices

    func register(on router: Router<WebContext>) {
        router.get("/") { _, _ in Reply.html(PageLayout(title: "Overview", section: .overview).render(OverviewPage.body(try await data()))) }
        router.get("/api/overview") { _, _ in try Reply.json(try await data()) }
    }

    func data() async throws -> OverviewData { try await services.cached("overview", OverviewData.load) }
}
