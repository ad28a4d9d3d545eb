import Hummingbird

/// `/clusters`, `/clusters.csv?chart=NAME` and `/api/clusters`.
struct ClustersController: Sendable {
    let services: WebServices

    func register(on router: Router<WebContext>) {
        router.get("/clusters") { _, _ in
            Reply.html(PageLayout(title: "Clusters", section: .clusters).render(ClustersPage.body(try await data())))
        }
        router.get("/clusters.csv") { request, _ in
            try ChartTable.download(ClustersPage.tables(try await data()), chart: request.parameter("chart"), page: "clusters")
        }
        router.get("/api/clusters") { _, _ in try Reply.json(try await data()) }
    }

    func data() async throws -> ClusterData { try await services.cached("clusters", ClusterData.load) }
}
