import Learning

/// Makes malformed inputs from well-formed samples, reproducibly from a seed: structural mutations of a JSON
/// document (hostile values, wrong types, missing and repeated keys, repeated elements, deep nesting), line and
/// field mutations of a CSV dump, and byte mutations of either (truncation, flipped bytes, NUL, invalid UTF-8).
/// Each mutation names itself, so a failing case says what it was.
struct InputMutator {
    private var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    // MARK: JSON

    /// One to three structural mutations of `document`, then, one time in three, a byte mutation.
    mutating func mutate(_ document: FuzzJSON) -> (bytes: [UInt8], steps: [String]) {
        var document = document
        var steps: [String] = []
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            steps.append(mutateOnce(&document))
        }
        var bytes = Array(document.text.utf8)
        if Int.random(in: 0..<3, using: &random) == 0 { steps.append(mutateBytes(&bytes)) }
        return (bytes, steps)
    }

    /// One time in three, a number of the document becomes a hostile one (numbers are what readers do arithmetic
    /// on); else one container of the document has one of its children changed.
    private mutating func mutateOnce(_ document: inout FuzzJSON) -> String {
        let numbers = Self.numberPaths(document)
        if !numbers.isEmpty, Int.random(in: 0..<3, using: &random) == 0 {
            let literal = Self.hostileNumbers[Int.random(in: 0..<Self.hostileNumbers.count, using: &random)]
            let path = numbers[Int.random(in: 0..<numbers.count, using: &random)]
            let replacement: FuzzJSON = .number(literal)
            document = Self.modify(document, at: path[...], { _ in replacement })
            return "number at \(Self.label(path, in: document)) = \(literal)"
        }
        let paths = Self.containerPaths(document)
        let path = paths[Int.random(in: 0..<paths.count, using: &random)]
        var step = ""
        document = Self.modify(document, at: path[...]) { node in
            switch node {
            case var .object(members):
                let index = members.isEmpty ? 0 : Int.random(in: 0..<members.count, using: &random)
                switch members.isEmpty ? 3 : Int.random(in: 0..<5, using: &random) {
                case 0:
                    let value = hostileValue()
                    step = "\(members[index].key) = \(value.text.prefix(60))"
                    members[index].value = value
                case 1:
                    step = "drop key \(members[index].key)"
                    members.remove(at: index)
                case 2:
                    let value = Bool.random(using: &random) ? members[index].value : hostileValue()
                    let at = Bool.random(using: &random) ? index : index + 1
                    step = "repeat key \(members[index].key) = \(value.text.prefix(60)) at \(at)"
                    members.insert((members[index].key, value), at: at)
                case 3:
                    step = "add key with a hostile name"
                    members.insert((hostileString(), hostileValue()), at: index)
                default:
                    step = "wrap \(members[index].key) in an array"
                    members[index].value = .array([members[index].value])
                }
                return .object(members)
            case var .array(elements):
                let index = elements.isEmpty ? 0 : Int.random(in: 0..<elements.count, using: &random)
                switch elements.isEmpty ? 2 : Int.random(in: 0..<5, using: &random) {
                case 0:
                    let value = hostileValue()
                    step = "element \(index) = \(value.text.prefix(60))"
                    elements[index] = value
                case 1:
                    step = "drop element \(index)"
                    elements.remove(at: index)
                case 2:
                    let value = hostileValue()
                    step = "insert element \(value.text.prefix(60))"
                    elements.insert(value, at: index)
                case 3:
                    step = "repeat element \(index)"
                    elements.insert(elements[index], at: Int.random(in: 0...elements.count, using: &random))
                default:
                    step = "empty the array"
                    elements = []
                }
                return .array(elements)
            default:
                return node
            }
        }
        return step
    }

    private enum Step { case member(Int), element(Int) }

    /// Paths to every object and array of the document.
    private static func containerPaths(_ node: FuzzJSON, prefix: [Step] = []) -> [[Step]] {
        switch node {
        case let .object(members):
            return [prefix] + members.indices.flatMap { containerPaths(members[$0].value, prefix: prefix + [.member($0)]) }
        case let .array(elements):
            return [prefix] + elements.indices.flatMap { containerPaths(elements[$0], prefix: prefix + [.element($0)]) }
        default:
            return []
        }
    }

    /// A path as keys and indexes (`.playlists[1].tracks[0].pos`).
    private static func label(_ path: [Step], in node: FuzzJSON) -> String {
        guard let step = path.first else { return "" }
        switch (node, step) {
        case let (.object(members), .member(index)):
            return "." + members[index].key + label(Array(path.dropFirst()), in: members[index].value)
        case let (.array(elements), .element(index)):
            return "[\(index)]" + label(Array(path.dropFirst()), in: elements[index])
        default:
            return ""
        }
    }

    /// Paths to every number of the document.
    private static func numberPaths(_ node: FuzzJSON, prefix: [Step] = []) -> [[Step]] {
        switch node {
        case let .object(members):
            return members.indices.flatMap { numberPaths(members[$0].value, prefix: prefix + [.member($0)]) }
        case let .array(elements):
            return elements.indices.flatMap { numberPaths(elements[$0], prefix: prefix + [.element($0)]) }
        case .number(_):
            return [prefix]
        default:
            return []
        }
    }

    private static func modify(_ node: FuzzJSON, at path: ArraySlice<Step>, _ change: (FuzzJSON) -> FuzzJSON) -> FuzzJSON {
        guard let step = path.first else { return change(node) }
        switch (node, step) {
        case (var .object(members), let .member(index)):
            members[index].value = modify(members[index].value, at: path.dropFirst(), change)
            return .object(members)
        case (var .array(elements), let .element(index)):
            elements[index] = modify(elements[index], at: path.dropFirst(), change)
            return .array(elements)
        default:
            return node
        }
    }

    static let hostileNumbers = [
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "-1", "0", "-0",
        "1e300", "-1e300", "1e400", "1e-400", "0.5", "2.5e3", "123456789012345678901234567890", "1E2", "86400001",
    ]

    /// String contents as written between quotes: NUL, lone surrogates, combining marks, direction overrides,
    /// terminal escapes, impossible dates, ids of the wrong kind, a long text.
    static let hostileStrings = [
        "", " ", "\\u0000", "a\\u0000b", "\\ud800", "\\udc00\\ud800", "e\\u0301\\u0301\\u0301", "\\u202etxet", "\\u200b",
        "\\ufeff", "😀👩‍👩‍👧", "\\u001b[2J\\u0007", "2023-99-99T99:99:99Z", "0000-00-00 00:00", "2023-02-30T10:00:00Z",
        "9999-12-31 23:59", "9999-12-31T23:59:59Z", "spotify:track:", "spotify:track:5SuOikwiRyPMVoIQDJUgSV\\u0000",
        "spotify:local:::x:1", "spotify:album:", "spotify:artist:x", "\\\"quoted\\\"", "line\\nbreak", "%s%n",
        String(repeating: "x", count: 3000), "Ã©", "\\\\",
    ]

    private mutating func hostileString() -> String {
        Self.hostileStrings[Int.random(in: 0..<Self.hostileStrings.count, using: &random)]
    }

    /// A value of any type: a hostile number or string, another type, or deep nesting.
    private mutating func hostileValue() -> FuzzJSON {
        switch Int.random(in: 0..<10, using: &random) {
        case 0..<3: return .number(Self.hostileNumbers[Int.random(in: 0..<Self.hostileNumbers.count, using: &random)])
        case 3..<6: return .string(hostileString())
        case 6: return [.literal("true"), .literal("false"), .literal("null")][Int.random(in: 0..<3, using: &random)]
        case 7: return [FuzzJSON.array([]), .object([]), .array([.number("1"), .string("a")]), .object([("x", .number("1"))])][Int.random(in: 0..<4, using: &random)]
        default:
            let depth = [16, 513, 20_000][Int.random(in: 0..<3, using: &random)]
            return Bool.random(using: &random)
                ? .literal(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
                : .literal(String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth))
        }
    }

    // MARK: CSV

    /// One to three line or field mutations of a CSV dump, then, one time in three, a byte mutation.
    mutating func mutate(csv text: String) -> (bytes: [UInt8], steps: [String]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var steps: [String] = []
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            steps.append(mutateOnce(&lines))
        }
        var bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        if Int.random(in: 0..<3, using: &random) == 0 { steps.append(mutateBytes(&bytes)) }
        return (bytes, steps)
    }

    /// Field values no dump should hold: numbers out of every range or in other notations, other types, broken
    /// quoting, nested lists, NUL, odd Unicode, a formula, a long field.
    static let hostileFields = [
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-1", "-0", "1e300", "1e400", "1e-400",
        "inf", "-inf", "nan", "NaN", "0x10", "1_000", "+5", "5.", ".5", "1,5", "True", "yes", "", " ", "\"", "\"unterminated",
        "\"a\"\"b\"", "\"Com\"edy\"", "\"multi\nline\"", "\u{0}", "a\u{0}b", "e\u{301}\u{301}", "\u{202E}txet", "\u{1B}[2J",
        "😀", "['a', ['b', ['c']]]", String(repeating: "[", count: 5000), "['']", "[]", "set()", "['a', ", "spotify:track:xyz",
        "=cmd|' /C calc'!A0", String(repeating: "y", count: 5000), "2023-02-30", "0000", "99999-01-01", "1899-13-45",
    ]

    private mutating func mutateOnce(_ lines: inout [String]) -> String {
        guard !lines.isEmpty else { lines = [Self.hostileFields.randomElement(using: &random)!]; return "a hostile line" }
        let row = Int.random(in: 0..<lines.count, using: &random)
        var fields = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let column = Int.random(in: 0..<fields.count, using: &random)
        switch Int.random(in: 0..<9, using: &random) {
        case 0..<4:
            let value = Self.hostileFields[Int.random(in: 0..<Self.hostileFields.count, using: &random)]
            fields[column] = value
            lines[row] = fields.joined(separator: ",")
            return "line \(row + 1) field \(column + 1) = \(value.debugDescription.prefix(60))"
        case 4:
            fields.remove(at: column)
            lines[row] = fields.joined(separator: ",")
            return "line \(row + 1) drop field \(column + 1)"
        case 5:
            fields.insert(Self.hostileFields[Int.random(in: 0..<Self.hostileFields.count, using: &random)], at: column)
            lines[row] = fields.joined(separator: ",")
            return "line \(row + 1) extra field at \(column + 1)"
        case 6:
            // A header column repeated (a duplicated key) or renamed.
            var header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let from = Int.random(in: 0..<header.count, using: &random), to = Int.random(in: 0..<header.count, using: &random)
            header[to] = Bool.random(using: &random) ? header[from] : "\u{0}\u{FEFF}\(header[to])"
            lines[0] = header.joined(separator: ",")
            return "header column \(to + 1) = \(header[to].debugDescription.prefix(40))"
        case 7:
            let copy = lines[row]
            lines.insert(copy, at: Int.random(in: 0...lines.count, using: &random))
            return "repeat line \(row + 1)"
        default:
            lines[row] += Bool.random(using: &random) ? "\r" : "\r\n\r\n"
            return "odd line end after line \(row + 1)"
        }
    }

    // MARK: Bytes

    static let invalidUTF8: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]]

    /// Truncation, flipped bytes, a NUL, invalid UTF-8, a byte-order mark, or a stray structural character.
    mutating func mutateBytes(_ bytes: inout [UInt8]) -> String {
        let at = Int.random(in: 0...bytes.count, using: &random)
        switch Int.random(in: 0..<6, using: &random) {
        case 0:
            bytes.removeSubrange(at...)
            return "truncate at byte \(at)"
        case 1:
            var flipped: [Int] = []
            for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                bytes[index] = UInt8.random(in: 0...255, using: &random)
                flipped.append(index)
            }
            return "flip bytes \(flipped)"
        case 2:
            bytes.insert(0, at: at)
            return "NUL at byte \(at)"
        case 3:
            let sequence = Self.invalidUTF8[Int.random(in: 0..<Self.invalidUTF8.count, using: &random)]
            bytes.insert(contentsOf: sequence, at: at)
            return "invalid UTF-8 \(sequence) at byte \(at)"
        case 4:
            bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: Bool.random(using: &random) ? 0 : at)
            return "byte-order mark"
        default:
            let byte = Array("{}[]\",:\\".utf8)[Int.random(in: 0..<8, using: &random)]
            bytes.insert(byte, at: at)
            return "insert \(Character(Unicode.Scalar(byte))) at byte \(at)"
        }
    }
}
