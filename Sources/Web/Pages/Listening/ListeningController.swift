import Analytics
import Foundation
import Hummingbird
import Store

/// `/listening?listener=NAME`, `/listening.csv?listener=NAME&chart=NAME` and `/api/listening?listener=NAME`: a listener's minutes by month, the hour × weekday heatmap, mood over time, top
/// artists and tracks, and their recommendations with reasons.
struct ListeningController: Sendable {
    let services: WebServices

    func register(on router: Router<WebContext>) {
        router.get("/listening") { request, _ in
            let listener = request.parameter("listener").map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
            let listeners = try await services.withReader { try Listening.listeners(in: $0) }
            var body = ListeningPage.form(listeners: listeners, chosen: listener)
            var status = HTTPResponse.Status.ok
            if let listener {
                do {
                    body += ListeningPage.body(try await data(listener),
                                               links: ChartLinks(path: "/listening.csv", query: [("listener", listener)]))
                } catch {
                    let (code, message, expected) = WebError.classify(error)
                    guard expected else { throw error }
                    status = code
                    body += ErrorMessage.html(message, error: error) { "/listening?listener=" + HTML.query($0) }
                }
            }
            return Reply.html(PageLayout(title: "Listening", section: .listening).render(body), status: status)
        }
        router.get("/listening.csv") { request, _ in
            guard let listener = request.parameter("listener") else { throw WebError.badRequest("give a listener as ?listener=NAME") }
            return try ChartTable.download(ListeningPage.tables(try await data(listener).report), chart: request.parameter("chart"), page: "listening")
        }
        // The months as `jukebox trends --listener NAME --format json` reads them, with the heatmap and top lists.
        router.get("/api/listening") { request, _ in
            guard let listener = request.parameter("listener"), !listener.isEmpty else {
                throw WebError.badRequest("give a listener as ?listener=NAME")
            }
            return try Reply.json(try await data(listener).report)
        }
    }

    /// One read: the report and the recommendations, kept per listener until the data changes (a new ingest or
    /// champion), with the audio space Recommend keeps. An unknown listener throws and is not kept.
    func data(_ listener: String) async throws -> ListeningData {
        let cache = services.cache
        return try await services.withReader { reader in
            let stamp = try WarehouseStamp.read(reader)
            let known = try Listening.listeners(in: reader)
            let name = known.first { $0 == listener } ?? known.first { $0.lowercased() == listener.lowercased() } ?? listener
            return try cache.value("listening:" + name, stamp: stamp) {
                try ListeningData.load(reader, listener: name) { try services.recommend($0, in: reader) }
            }
        }
    }
}
