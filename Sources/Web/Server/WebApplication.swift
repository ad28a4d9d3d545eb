import Hummingbird
import HummingbirdCore
import Logging
import Store

/// Where `jukebox serve` listens.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }

    /// True for addresses only this machine can reach.
    public var isLoopback: Bool {
        ["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) || host.hasPrefix("127.")
    }
}

/// Every route of the web app. Tests build the same router.
public func buildRouter(services: WebServices) -> Router<WebContext> {
    // HEAD answers like GET without the body (curl -I, link checkers, uptime probes).
    let router = Router(context: WebContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: ErrorPageMiddleware())
    OverviewController(services: services).register(on: router)
    GenresController(services: services).register(on: router)
    PopularityController(services: services).register(on: router)
    ClustersController(services: services).register(on: router)
    TrendsController(services: services).register(on: router)
    ListeningController(services: services).register(on: router)
    RecommendController(services: services).register(on: router)
    SQLController(services: services).register(on: router)
    // The one asset: no file system path is ever served.
    router.get("/assets/app.js") { _, _ in Reply.script(Script.javaScript) }
    // Pages link an inline icon; a browser or tool asking for the conventional file gets an empty answer, not a 404.
    router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
    return router
}

/// The web app over a read-only warehouse: `jukebox serve` and the tests build it here.
public func buildApplication(warehouse: Warehouse, configuration: WebConfiguration = WebConfiguration(),
                             logger: Logger? = nil) -> some ApplicationProtocol {
    buildApplication(services: WebServices(warehouse: warehouse), configuration: configuration, logger: logger)
}

func buildApplication(services: WebServices, configuration: WebConfiguration, logger: Logger?) -> some ApplicationProtocol {
    var log = logger ?? Logger(label: "jukebox.web")
    if logger == nil { log.logLevel = .notice }
    return Application(
        router: buildRouter(services: services),
        // Each connection learns when its client leaves, so long console queries can be cancelled.
        server: .http1(configuration: HTTP1Channel.Configuration(additionalChannelHandlers: [ClientPresenceHandler()])),
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "jukebox"),
        logger: log)
}

/// Runs the web app until SIGINT or SIGTERM (`jukebox serve`).
public func serveWebApp(warehouse: Warehouse, configuration: WebConfiguration) async throws {
    let services = WebServices(warehouse: warehouse)
    let app = buildApplication(services: services, configuration: configuration, logger: nil)
    // Compute the heavy pages' data (and load the models) before listening, so no visitor waits for it,
    // and again in the background whenever a new ingest or champion changes what the pages show.
    var log = Logger(label: "jukebox.web")
    log.logLevel = .notice
    log.notice("preparing the pages' data")
    await services.warmUp()
    let keepWarm = Task.detached(priority: .background) { await services.keepWarm() }
    defer { keepWarm.cancel() }
    try await app.runService()
}
