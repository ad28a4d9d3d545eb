import Hummingbird
import Store

/// `/sql`, `/sql.csv` and `/api/sql`: ?q=SQL through the read-only guard of `jukebox sql`.
struct SQLController: Sendable {
    let services: WebServices
    /// The limits of `jukebox sql` (10 s, 10,000 rows per statement), with smaller byte caps: a reply is one
    /// JSON or HTML document held in memory, so values stop at 1 MB and a reply's rows at 16 MB.
    let guardrails: ReadOnlySQL = {
        var limits = ReadOnlySQL()
        limits.maxValueBytes = 1_000_000
        limits.maxResultBytes = 16_000_000
        return limits
    }()

    func register(on router: Router<WebContext>) {
        router.get("/sql") { request, context in
            let sql = request.parameter("q")
            var result: SQLConsoleResult?
            var problem: String?
            var status = HTTPResponse.Status.ok
            if let sql {
                do { result = try await run(sql, context) } catch {
                    let (code, message, expected) = WebError.classify(error)
                    guard expected else { throw error }
                    status = code
                    problem = message
                }
            }
            return Reply.html(PageLayout(title: "SQL", section: .sql).render(
                SQLPage.body(sql: sql, result: result, error: problem, timeout: guardrails.timeout, maxRows: guardrails.maxRows)), status: status)
        }
        router.get("/sql.csv") { request, context in
            guard let sql = request.parameter("q") else { throw WebError.badRequest("give the SQL as ?q=") }
            return Reply.download(try await run(sql, context).csv, contentType: "text/csv; charset=utf-8", fileName: "jukebox-query.csv")
        }
        router.get("/api/sql") { request, context in
            guard let sql = request.parameter("q") else { throw WebError.badRequest("give the SQL as ?q=") }
            return try Reply.json(try await run(sql, context))
        }
    }

    /// Runs on one of the pool's reader connections without holding a server thread, so a short query answers
    /// while long ones run; cancelling the request's task interrupts the statement.
    func run(_ sql: String, _ context: WebContext) async throws -> SQLConsoleResult {
        let warehouse = services.warehouse, guardrails = self.guardrails
        return try await context.cancelledWhenClientLeaves {
            SQLConsoleResult(sql: sql, guardrails: guardrails, results: try await guardrails.read(sql, in: warehouse))
        }
    }

    /// The guard's messages, worded for the console rather than the command line.
    static func describe(_ error: ReadOnlySQLError) -> String {
        switch error {
        case .empty: return "no SQL statement given"
        case let .refused(index, statement, reason):
            return "refused statement \(index) (\(statement)): \(reason); nothing was run. The console only reads."
        case let .timedOut(index, seconds):
            return "statement \(index) was stopped at the time limit of \(Ticks.label(seconds)) s"
        case let .failed(index, message): return "statement \(index): \(message)"
        case .uncommitted: return "the SQL began a transaction; the console only reads"
        }
    }
}
