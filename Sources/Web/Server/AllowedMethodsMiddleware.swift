import Hummingbird

/// A request for a path the app serves, with a method the path does not take (OPTIONS, PUT, DELETE, ...), is
/// 405 Method Not Allowed with an `Allow` header listing the methods it takes, where the router alone says 404.
/// Added to the router after every route, so it sees only requests no route took.
struct AllowedMethodsMiddleware<Context: RequestContext>: RouterMiddleware {
    /// A router of the same paths whose one GET route per path answers with that path's `Allow` value: it matches
    /// paths with parameters (`/popularity/track/{id}`) exactly as the app's router does.
    private let table: RouterResponder<Context>

    /// `routes` as `Router.routes` lists them; `headFromGet` when the router answers HEAD wherever it answers GET.
    init(routes: [Router<Context>.RouteDescription], headFromGet: Bool) {
        var methods: [String: (path: RouterPath, methods: [HTTPRequest.Method])] = [:]
        for route in routes {
            methods[route.path.description, default: (route.path, [])].methods.append(route.method)
        }
        let table = Router(context: Context.self)
        for (path, taken) in methods.values {
            var taken = taken
            if headFromGet, taken.contains(.get), !taken.contains(.head) { taken.append(.head) }
            let allow = taken.map(\.rawValue).sorted { Self.rank($0) < Self.rank($1) }.joined(separator: ", ")
            table.get(path) { _, _ in Response(status: .noContent, headers: [.allow: allow]) }
        }
        self.table = table.buildResponder()
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let probe = Request(head: HTTPRequest(method: .get, scheme: nil, authority: nil, path: request.uri.path),
                            body: RequestBody(buffer: ByteBuffer()))
        guard let allow = try? await table.respond(to: probe, context: context).headers[.allow] else {
            return try await next(request, context)
        }
        throw HTTPError(.methodNotAllowed, headers: [.allow: allow], message: "This address answers \(allow) only.")
    }

    /// GET and HEAD first, the rest by name.
    private static func rank(_ method: String) -> String {
        method == "GET" ? "0" : method == "HEAD" ? "1" : "2" + method
    }
}
