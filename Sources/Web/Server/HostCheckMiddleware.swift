import Hummingbird

private let hostField = HTTPFields.Element.Name("Host")!

/// Answers only requests addressed to this server by one of its names (`ServedHosts`): any other `Host`, or none,
/// is 421 Misdirected Request. An API call, or any request that is not GET or HEAD, whose `Origin` names another
/// site is 403. The answers are short plain text that repeats nothing from the request.
struct HostCheckMiddleware<Context: RequestContext>: RouterMiddleware {
    let hosts: ServedHosts

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // HTTP/1 puts the first Host in the authority; a repeated Host stays among the fields, and must agree.
        let named = (request.head.authority.map { [$0] } ?? []) + request.headers[values: hostField]
        guard !named.isEmpty, named.allSatisfy(hosts.admits(authority:)) else {
            return Self.refusal(.misdirectedRequest, "This server answers only requests addressed to "
                + hosts.names.joined(separator: ", ") + " (jukebox serve --allow-host NAME adds a name).")
        }
        if request.uri.path.hasPrefix("/api/") || (request.method != .get && request.method != .head) {
            guard request.headers[values: .origin].allSatisfy(hosts.admits(origin:)) else {
                return Self.refusal(.forbidden, "This server does not answer requests from other sites' pages.")
            }
        }
        return try await next(request, context)
    }

    static func refusal(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: message + "\n")))
    }
}
