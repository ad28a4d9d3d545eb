import Foundation

/// A query string read the way browsers write it: `application/x-www-form-urlencoded`, where a space is `+`
/// and everything else unusual is percent-encoded. Every route reads its parameters through this one type.
struct FormQuery: Sendable, Equatable {
    /// Name and value pairs in the order they came.
    let pairs: [(name: String, value: String)]

    init(_ raw: String?) {
        pairs = (raw ?? "").split(separator: "&", omittingEmptySubsequences: true).map { field in
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// The last value given for `name`, if any.
    func last(_ name: String) -> String? { pairs.last { $0.name == name }?.value }

    /// Every value given for `name`, in order.
    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// Names to values, the last of a repeated name winning.
    var dictionary: [String: String] {
        var out: [String: String] = [:]
        for pair in pairs { out[pair.name] = pair.value }
        return out
    }

    /// `+` is a space; `%XX` is a byte of UTF-8. A malformed escape is kept as written rather than dropping the field.
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var i = 0
        while i < utf8.count {
            if utf8[i] == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count, let high = hexValue(utf8[i + 1]), let low = hexValue(utf8[i + 2]) {
                bytes.append(high << 4 | low)
                i += 2
            } else {
                bytes.append(utf8[i])
            }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    static func == (lhs: FormQuery, rhs: FormQuery) -> Bool {
        lhs.pairs.map(\.name) == rhs.pairs.map(\.name) && lhs.pairs.map(\.value) == rhs.pairs.map(\.value)
    }
}
