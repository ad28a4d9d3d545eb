import Foundation

/// Finds what is wrong with JSON text that Foundation's decoder refused as "not valid JSON" (it says no more):
/// nesting too deep, a syntax error, or a number no whole number can hold, each with its line and column (1-based;
/// the column counts bytes). It follows the decoder's reading, trailing commas allowed.
struct JSONDiagnosis {
    /// The decoder's own nesting limit.
    static let maxDepth = 512

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    /// The first number that is not a whole number within Int64 (a problem only where a whole number is expected).
    private var firstNonWholeNumber: (text: String, at: Int)?

    /// The first problem of `data`, in words, or nil when its syntax is sound and its numbers are whole.
    static func problem(in data: Data) -> String? {
        var scan = JSONDiagnosis(bytes: Array(data))
        return scan.run()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private struct Failure: Error {
        let what: String
        let at: Int
    }

    private mutating func run() -> String? {
        do {
            skipSpaces()
            try value()
            skipSpaces()
            if index < bytes.count { throw Failure(what: "text after the end of the JSON value", at: index) }
        } catch let failure as Failure {
            return "\(failure.what) at \(position(failure.at))"
        } catch {
            return nil
        }
        if let number = firstNonWholeNumber {
            let range = Double(number.text).map { $0.isFinite } == false ? "a number out of range" : "a number out of range for a whole number"
            return "\(range): \(number.text.prefix(40)) at \(position(number.at))"
        }
        return nil
    }

    private func position(_ offset: Int) -> String {
        var line = 1, lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return "line \(line), column \(offset - lineStart + 1)"
    }

    private func found(_ at: Int) -> String {
        guard at < bytes.count else { return "the text ends early" }
        let byte = bytes[at]
        return (0x21...0x7E).contains(byte) ? "unexpected '\(Character(UnicodeScalar(byte)))'" : String(format: "unexpected byte 0x%02X", byte)
    }

    private mutating func skipSpaces() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private mutating func value() throws {
        guard index < bytes.count else { throw Failure(what: "the text ends early", at: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"): try container(close: UInt8(ascii: "}"), keyed: true)
        case UInt8(ascii: "["): try container(close: UInt8(ascii: "]"), keyed: false)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: throw Failure(what: found(index), at: index)
        }
    }

    private mutating func container(close: UInt8, keyed: Bool) throws {
        depth += 1
        if depth > Self.maxDepth {
            throw Failure(what: "too deeply nested: more than \(Self.maxDepth) levels of arrays and objects", at: index)
        }
        index += 1
        skipSpaces()
        while index < bytes.count, bytes[index] != close {
            if keyed {
                guard bytes[index] == UInt8(ascii: "\"") else { throw Failure(what: found(index) + " where a quoted key belongs", at: index) }
                try string()
                skipSpaces()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Failure(what: found(index) + " where ':' belongs", at: index) }
                index += 1
                skipSpaces()
            }
            try value()
            skipSpaces()
            guard index < bytes.count else { break }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                skipSpaces()
            } else if bytes[index] != close {
                throw Failure(what: found(index) + " where ',' or '\(Character(UnicodeScalar(close)))' belongs", at: index)
            }
        }
        guard index < bytes.count else { throw Failure(what: "the text ends early (an array or object is not closed)", at: index) }
        index += 1
        depth -= 1
    }

    private mutating func string() throws {
        let start = index
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { index += 1; return }
            if byte < 0x20 { throw Failure(what: String(format: "a control character (0x%02X) inside a string", byte), at: index) }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { break }
                if bytes[index] == UInt8(ascii: "u") {
                    let hex = bytes[min(index + 1, bytes.count)..<min(index + 5, bytes.count)]
                    guard hex.count == 4, hex.allSatisfy({ Character(UnicodeScalar($0)).isHexDigit }) else {
                        throw Failure(what: "a bad \\u escape", at: index - 1)
                    }
                    index += 4
                } else if !"\"\\/bfnrt".utf8.contains(bytes[index]) {
                    throw Failure(what: "a bad escape", at: index - 1)
                }
            }
            index += 1
        }
        throw Failure(what: "a string that is not closed", at: start)
    }

    private mutating func number() throws {
        let start = index
        func digits() -> Int {
            let from = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            return index - from
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else { throw Failure(what: "a malformed number", at: start) }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw Failure(what: "a malformed number", at: start) }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw Failure(what: "a malformed number", at: start) }
        }
        guard firstNonWholeNumber == nil else { return }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        let value = Double(text) ?? .infinity
        if !(value.isFinite && value.rounded() == value && abs(value) < 9.223372036854775807e18) {
            firstNonWholeNumber = (text, start)
        }
    }

    private mutating func literal(_ word: String) throws {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw Failure(what: found(index), at: index)
        }
        index += expected.count
    }
}
