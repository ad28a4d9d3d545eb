import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Store

/// Every route of the web app. Tests build the same router.
public func buildRouter(services: WebServices, configuration: WebConfiguration = WebConfiguration()) -> Router<WebContext> {
    // HEAD answers like GET without the body (curl -I, link checkers, uptime probes).
    let router = Router(context: WebContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: ErrorPageMiddleware())
    // Before any page: a page on another site, or on a name rebound to this machine, reads nothing.
    router.add(middleware: HostCheckMiddleware(hosts: configuration.servedHosts))
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
    // Last, so that it sees only requests no route took.
    router.add(middleware: AllowedMethodsMiddleware(routes: router.routes, headFromGet: true))
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
        router: buildRouter(services: services, configuration: configuration),
        // Each connection learns when its client leaves, so long console queries can be cancelled. A connection
        // that sends no whole request head within the idle timeout, or idles that long between requests, is closed.
        server: .http1(configuration: HTTP1Channel.Configuration(additionalChannelHandlers: [ClientPresenceHandler()],
                                                                 idleTimeout: TimeAmount(configuration.idleTimeout))),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "jukebox",
            availableConnectionsDelegate: MaximumAvailableConnections(configuration.maxConnections, logger: log)),
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
