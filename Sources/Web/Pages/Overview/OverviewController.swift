import Hummingbird

/// `/`, `/overview.csv?chart=NAME` and `/api/overview`.
struct OverviewController: Sendable {
    let services: WebServices

    func register(on router: Router<WebContext>) {
        router.get("/") { _, _ in Reply.html(PageLayout(title: "Overview", section: .overview).render(OverviewPage.body(try await data()))) }
        router.get("/overview.csv") { request, _ in
            try ChartTable.download(OverviewPage.tables(try await data()), chart: request.parameter("chart"), page: "overview")
        }
        router.get("/api/overview") { _, _ in try Reply.json(try await data()) }
    }

    func data() async throws -> OverviewData { try await services.cached("overview", OverviewData.load) }
}
