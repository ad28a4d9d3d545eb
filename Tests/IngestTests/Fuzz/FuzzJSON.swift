/// A JSON document as the fuzz test mutates it: object keys keep their order and may repeat, numbers and strings
/// keep their literal text (escapes included), so a mutation can write what no encoder would (`1e400`, a key twice,
/// `\u0000`, a lone surrogate).
enum FuzzJSON {
    case object([(key: String, value: FuzzJSON)])
    case array([FuzzJSON])
    /// The text between the quotes, as written in the file.
    case string(String)
    /// The literal as written (`-1`, `1e300`, `9223372036854775808`).
    case number(String)
    /// `true`, `false`, `null`, or any other bare text a mutation writes.
    case literal(String)

    /// Parses well-formed JSON (the bundled samples); nil if it is not.
    init?(parsing text: String) {
        var parser = Parser(bytes: Array(text.utf8))
        guard let value = parser.value() else { return nil }
        parser.skipSpaces()
        guard parser.index == parser.bytes.count else { return nil }
        self = value
    }

    /// The document's text: each array element on its own line (so entries have distinct line numbers).
    var text: String {
        switch self {
        case let .object(members):
            return "{" + members.map { "\"\($0.key)\": \($0.value.text)" }.joined(separator: ", ") + "}"
        case let .array(elements):
            return "[\n" + elements.map(\.text).joined(separator: ",\n") + "\n]"
        case let .string(raw):
            return "\"\(raw)\""
        case let .number(literal), let .literal(literal):
            return literal
        }
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpaces() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func value() -> FuzzJSON? {
            skipSpaces()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [(key: String, value: FuzzJSON)] = []
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
                while true {
                    skipSpaces()
                    guard let key = rawString() else { return nil }
                    skipSpaces()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                    index += 1
                    guard let member = value() else { return nil }
                    members.append((key, member))
                    skipSpaces()
                    guard index < bytes.count else { return nil }
                    index += 1
                    if bytes[index - 1] == UInt8(ascii: "}") { return .object(members) }
                    guard bytes[index - 1] == UInt8(ascii: ",") else { return nil }
                }
            case UInt8(ascii: "["):
                index += 1
                var elements: [FuzzJSON] = []
                skipSpaces()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
                while true {
                    guard let element = value() else { return nil }
                    elements.append(element)
                    skipSpaces()
                    guard index < bytes.count else { return nil }
                    index += 1
                    if bytes[index - 1] == UInt8(ascii: "]") { return .array(elements) }
                    guard bytes[index - 1] == UInt8(ascii: ",") else { return nil }
                }
            case UInt8(ascii: "\""):
                return rawString().map(FuzzJSON.string)
            default:
                let start = index
                while index < bytes.count, !",]} \t\r\n".utf8.contains(bytes[index]) { index += 1 }
                let token = String(decoding: bytes[start..<index], as: UTF8.self)
                return ["true", "false", "null"].contains(token) ? .literal(token) : .number(token)
            }
        }

        /// A string's text between its quotes, escapes kept.
        mutating func rawString() -> String? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard index < bytes.count else { return nil }
            index += 1
            return String(decoding: bytes[start..<index - 1], as: UTF8.self)
        }
    }
}
