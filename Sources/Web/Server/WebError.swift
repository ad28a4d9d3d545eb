import Analytics
import Foundation
import Hummingbird
import Store

/// Errors a page reports to the user; anything else becomes a generic 500 without details.
public enum WebError: Error, Equatable {
    case notFound(String)
    case badRequest(String)
    case unavailable(String)

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .unavailable: .serviceUnavailable
        }
    }

    var message: String {
        switch self {
        case let .notFound(m), let .badRequest(m), let .unavailable(m): m
        }
    }

    /// What to show for any error: user-facing errors keep their message, others do not leak details.
    static func classify(_ error: any Error) -> (HTTPResponse.Status, String, Bool) {
        switch error {
        case let error as WebError: return (error.status, error.message, true)
        case let error as AnalyticsError: return (.badRequest, error.errorDescription ?? "cannot answer", true)
        case let error as ReadOnlySQLError: return (.badRequest, SQLController.describe(error), true)
        case let error as HTTPError where error.status == .notFound: return (.notFound, "There is no page at this address.", true)
        case let error as HTTPError where error.status.code < 500: return (error.status, error.body ?? error.status.reasonPhrase, true)
        default: return (.internalServerError, "Something went wrong while answering this request. The server log has the details.", false)
        }
    }
}
