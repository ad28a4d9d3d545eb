/// The one CSV writer (RFC 4180) behind every CSV Jukebox writes: `--format csv`, `predict`, the web downloads.
/// A field holding a comma, a quote, CR or LF is quoted, so no value can split a row or start a new one.
public struct CSVWriter: Sendable {
    /// Prefix `'` to text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` not starting a number).
    /// For downloads meant for spreadsheets; command output stays the data as stored.
    public var guardsFormulas: Bool
    /// `\r\n` (RFC 4180, spreadsheets) or `\n` (Unix tools).
    public var lineEnd: String

    public init(guardsFormulas: Bool = false, lineEnd: String = "\n") {
        self.guardsFormulas = guardsFormulas
        self.lineEnd = lineEnd
    }

    /// One field, quoted when it must be. Checks bytes, not characters: Swift reads "\r\n" as one character.
    public func field(_ text: String) -> String {
        var value = text
        if guardsFormulas, let first = value.unicodeScalars.first, "=+-@".unicodeScalars.contains(first), Double(value) == nil {
            value = "'" + value
        }
        let mustQuote = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            || value != text
        return mustQuote ? "\"" + value.replacing("\"", with: "\"\"") + "\"" : value
    }

    /// One record, with its line end.
    public func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + lineEnd
    }

    /// A header and its rows.
    public func table(columns: [String], rows: [[String]]) -> String {
        row(columns) + rows.map(row).joined()
    }
}
