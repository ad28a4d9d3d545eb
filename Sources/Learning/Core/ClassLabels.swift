/// Class labels encoded as codes 0..<classCount, with the original names kept for reporting.
public struct ClassLabels: Sendable, Equatable {
    public let codes: [Int]
    public let classNames: [String]
    public var classCount: Int { classNames.count }
    public var count: Int { codes.count }

    public init(codes: [Int], classNames: [String]) throws {
        guard !classNames.isEmpty else { throw LearningError.emptyInput("no class names") }
        guard codes.allSatisfy({ $0 >= 0 && $0 < classNames.count }) else {
            throw LearningError.invalidArgument("class codes must lie in 0..<\(classNames.count)")
        }
        self.codes = codes
        self.classNames = classNames
    }

    /// Encodes string labels; class codes follow the sorted order of the names, so the encoding is stable.
    public init(strings: [String]) throws {
        let names = Array(Set(strings)).sorted()
        guard !names.isEmpty else { throw LearningError.emptyInput("no labels") }
        var index = [String: Int]()
        for (i, n) in names.enumerated() { index[n] = i }
        try self.init(codes: strings.map { index[$0]! }, classNames: names)
    }

    public func selecting(_ indices: [Int]) -> ClassLabels {
        ClassLabels(unchecked: indices.map { codes[$0] }, classNames)
    }

    init(unchecked codes: [Int], _ names: [String]) {
        self.codes = codes
        self.classNames = names
    }
}
