import Foundation

/// Escaping and number formatting for everything the web app writes into HTML, SVG, CSV and M3U.
public enum HTML {
    /// Escapes text for an HTML/SVG text node or a quoted attribute value.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newline have no business in a page.
                if scalar.value < 0x20, scalar != "\n", scalar != "\t" { out += " " } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Percent-encodes a query parameter value.
    public static func query(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A number with a fixed count of decimals ("-" for nil or not finite).
    public static func number(_ value: Double?, _ decimals: Int = 3) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.\(decimals)f", value)
    }

    /// A number as HTML attributes and form values need it: plain digits, no thousands separators
    /// (browsers read "228,000" in `value`, `min` or `max` as 0), no exponent, no trailing zeros.
    public static func attributeNumber(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// A whole number with thousands separators.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)   // abs(Int.min) would overflow
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }

    /// A percentage of a 0...1 value.
    public static func percent(_ value: Double?, _ decimals: Int = 1) -> String {
        guard let value, value.isFinite else { return "–" }
        return String(format: "%.\(decimals)f%%", value * 100)
    }
}
