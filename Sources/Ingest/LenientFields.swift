/// The fields of one JSON object, read leniently: a field of the wrong type, or a number outside its range, is a
/// problem of that object (collected here, to become its reject), never an error of the whole file. The one reader
/// of JSON entries: listening histories (Spotify, ListenBrainz, Maloja) and playlist slices.
struct LenientFields<Key: CodingKey> {
    private let container: KeyedDecodingContainer<Key>
    /// When given, a text over the field limit (or holding a NUL) is a problem and is kept as its excerpt only.
    private let limits: InputLimits?
    /// What was wrong, one phrase per field.
    private(set) var problems: [String] = []

    init(_ container: KeyedDecodingContainer<Key>, limits: InputLimits? = nil) {
        self.container = container
        self.limits = limits
    }

    /// Whether the field is there with a value other than null.
    func has(_ key: Key) -> Bool {
        container.contains(key) && (try? container.decodeNil(forKey: key)) == false
    }

    /// The text; nil when absent or null.
    mutating func text(_ key: Key) -> String? {
        guard has(key) else { return nil }
        if let value = try? container.decode(String.self, forKey: key) {
            guard let limits, let problem = limits.textProblem(key.stringValue, value) else { return value }
            problems.append(problem)
            return limits.excerpt(value)
        }
        problems.append("\(key.stringValue) is not text")
        return nil
    }

    /// true or false; nil when absent or null.
    mutating func flag(_ key: Key) -> Bool? {
        guard has(key) else { return nil }
        if let value = try? container.decode(Bool.self, forKey: key) { return value }
        problems.append("\(key.stringValue) is not true/false")
        return nil
    }

    /// A whole number in `range`; nil when absent or null. A fraction, a number too large for 64 bits (`1e300`),
    /// text or a number outside the range is a problem that names the value.
    mutating func wholeNumber(_ key: Key, in range: ClosedRange<Int> = Int.min...Int.max) -> Int? {
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

    /// A nested object's fields, read the same way (its problems join this object's); nil when absent or null.
    mutating func object<Nested: CodingKey>(_ key: Key, keyedBy: Nested.Type) -> LenientFields<Nested>? {
        guard has(key) else { return nil }
        if let nested = try? container.nestedContainer(keyedBy: Nested.self, forKey: key) { return LenientFields<Nested>(nested, limits: limits) }
        problems.append("\(key.stringValue) is not an object")
        return nil
    }

    /// A list of texts (Maloja's artists); nil when absent or null.
    mutating func texts(_ key: Key) -> [String]? {
        guard has(key) else { return nil }
        if let values = try? container.decode([String].self, forKey: key) {
            if let limits, let problem = values.lazy.compactMap({ limits.textProblem(key.stringValue, $0) }).first { problems.append(problem); return nil }
            return values
        }
        problems.append("\(key.stringValue) is not a list of texts")
        return nil
    }

    mutating func add(_ problems: [String]) { self.problems += problems }
}
