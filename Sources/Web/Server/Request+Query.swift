import Foundation
import Hummingbird

extension Request {
    /// The query string, decoded as browsers encode forms.
    var form: FormQuery { FormQuery(uri.query) }

    /// The query string as a dictionary (the last value of a repeated name wins).
    var queryDictionary: [String: String] { form.dictionary }

    /// A trimmed, non-empty query parameter.
    func parameter(_ name: String) -> String? {
        guard let value = form.last(name)?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    func parameters(_ name: String) -> [String] { form.all(name) }
}
