/// Category codes sent left and right by a categorical split, as bitsets over codes.
public struct CategorySplit: Sendable, Equatable {
    public let left: CategoryBitset
    public let right: CategoryBitset
}

/// Compact set of non-negative category codes.
public struct CategoryBitset: Sendable, Equatable {
    public private(set) var words: [UInt64]

    public init(_ codes: [Int]) {
        let maxCode = codes.max() ?? -1
        words = [UInt64](repeating: 0, count: maxCode / 64 + 1)
        for c in codes where c >= 0 { words[c >> 6] |= 1 << UInt64(c & 63) }
    }

    public init(words: [UInt64]) { self.words = words }

    @inline(__always) public func contains(_ c: Int) -> Bool {
        let w = c >> 6
        return c >= 0 && w < words.count && (words[w] >> UInt64(c & 63)) & 1 == 1
    }

    public var codes: [Int] {
        var out = [Int]()
        for (i, w) in words.enumerated() where w != 0 {
            for b in 0..<64 where (w >> UInt64(b)) & 1 == 1 { out.append(i * 64 + b) }
        }
        return out
    }
}
