/// The fields of one JSON object, read leniently: a field of the wrong type, or a number outside its range, is a
/// problem of that object (collected here, to become its reject), never an error of the whole file.
struct LenientFields<Key: CodingKey> {
    private let container: KeyedDecodingContainer<Key>
    /// What was wrong, one phrase per field.
    private(set) var problems: [String] = []

    init(_ container: KeyedDecodingContainer<Key>) {
        self.container = container
    }

    /// Whether the field is there with a value other than null.
    func has(_ key: Key) -> Bool {
        container.contains(key) && (try? container.decodeNil(forKey: key)) == false
    }

    /// The text; nil when absent or null.
    mutating func text(_ key: Key) -> String? {
        guard has(key) else { return nil }
        if let value = try? container.decode(String.self, forKey: key) { return value }
        problems.append("\(key.stringValue) is not text")
        return nil
    }

    /// A whole number in `range`; nil when absent or null. A fraction, a number too large for 64 bits (`1e300`),
    /// text or a number outside the range is a problem that names the value.
    mutating func wholeNumber(_ key: Key, in range: ClosedRange<Int>) -> Int? {
        guard has(key) else { return nil }
        let bounded = range.upperBound < Int.max
        if let value = try? container.decode(Int.self, forKey: key) {
            if range.contains(value) { return value }
            problems.append("\(key.stringValue) \(value) is " + (bounded ? "outside \(range.lowerBound)..\(range.upperBound)" : "below \(range.lowerBound)"))
        } else if let value = try? container.decode(Double.self, forKey: key) {
            problems.append("\(key.stringValue) \(value) is not a whole number" + (bounded ? " in \(range.lowerBound)..\(range.upperBound)" : ""))
        } else if container.contains(key), (try? container.decode(String.self, forKey: key)) != nil {
            problems.append("\(key.stringValue) is text, not a number")
        } else {
            problems.append("\(key.stringValue) is not a number")
        }
        return nil
    }
}
