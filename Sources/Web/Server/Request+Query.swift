import Foundation
import Hummingbird

extension Request {
    /// The query string as a dictionary (the last value of a repeated name wins).
    var queryDictionary: [String: String] {
        var out: [String: String] = [:]
        for (key, value) in uri.queryParameters { out[String(key)] = String(value) }
        return out
    }

    /// A trimmed, non-empty query parameter.
    func parameter(_ name: String) -> String? {
        guard let value = uri.queryParameters.get(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    func parameters(_ name: String) -> [String] { uri.queryParameters.getAll(name) }
}
