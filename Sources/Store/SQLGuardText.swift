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

    /// The statements of `sql`, split at semicolons outside quotes ('', "", ``, []) and comments, each
    /// without its leading comments; empty ones are left out. Read before anything is prepared, because SQLite
    /// applies some pragmas while preparing them.
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = []
        var current = "", quote: Character?
        var chars = sql.makeIterator(), pending: Character?
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return chars.next()
        }
        while let c = next() {
            if let q = quote {
                current.append(c)
                if c == q { quote = nil }
                continue
            }
            switch c {
            case "'", "\"", "`": quote = c; current.append(c)
            case "[": quote = "]"; current.append(c)
            case "-":
                let d = next()
                if d == "-" {
                    current.append(" ")
                    while let e = next(), e != "\n" {}
                } else {
                    current.append(c)
                    pending = d
                }
            case "/":
                let d = next()
                if d == "*" {
                    current.append(" ")
                    var star = false
                    while let e = next() {
                        if star && e == "/" { break }
                        star = e == "*"
                    }
                } else {
                    current.append(c)
                    pending = d
                }
            case ";":
                statements.append(current)
                current = ""
            default: current.append(c)
            }
        }
        statements.append(current)
        return statements.map { withoutLeadingComments($0).trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
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
