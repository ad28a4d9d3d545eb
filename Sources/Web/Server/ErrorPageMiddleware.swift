import Hummingbird
import Logging

/// Turns every error (including unknown routes) into a plain HTML page, or `{"error": ...}` under
/// /api, without stack traces; adds security headers to every response.
private let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!

struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let (status, message, expected) = WebError.classify(error)
            if !expected { context.logger.error("\(request.method) \(request.uri.path): \(String(reflecting: error))") }
            if request.uri.path.hasPrefix("/api/") {
                response = (try? Reply.json(["error": message], status: status)) ?? Response(status: status)
            } else {
                let title = status == .notFound ? "Not found" : status.code >= 500 ? "Error" : "Cannot answer"
                let body = "<p class=\"error\">" + HTML.escape(message) + "</p><p><a href=\"/\">Back to the overview</a></p>"
                response = Reply.html(PageLayout(title: title, section: nil).render(body), status: status)
            }
            // An HTTP error's own headers say how to retry (the Allow of a 405).
            if let error = error as? HTTPError { response.headers.append(contentsOf: error.headers) }
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.contentSecurityPolicy] = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        response.headers[referrerPolicy] = "no-referrer"
        return response
    }
}
