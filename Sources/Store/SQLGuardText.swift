import Foundation

/// Just enough SQL lexing to find what kind of statement a text is: comments and whitespace are
/// skipped, so `/* x */ DROP TABLE t` and `-- c\nDELETE ...` are seen as the DROP and DELETE they are.
enum SQLText {
    static func withoutLeadingComments(_ sql: String) -> String {
        var rest = Substring(sql)
        while true {
            rest = rest.drop(while: { $0.isWhitespace })
            if rest.hasPrefix("--") {
                rest = rest.drop(while: { $0 != "\n" })
            } else if rest.hasPrefix("/*") {
                guard let end = rest.range(of: "*/") else { return "" }
                rest = rest[end.upperBound...]
            } else {
                return String(rest)
            }
        }
    }

    /// The statement's keyword, upper-cased ("" when the text starts with a symbol).
    static func firstWord(_ text: String) -> String {
        text.prefix(while: { $0.isLetter || $0 == "_" }).uppercased()
    }

    /// One line, short enough for an error message.
    static func excerpt(_ text: String, limit: Int = 60) -> String {
        var flat = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if flat.hasSuffix(";") { flat.removeLast() }
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
