/// Little-endian reader that throws instead of trapping on malformed input.
public struct BinaryReader: Sendable {
    let bytes: [UInt8]
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    public var remaining: Int { bytes.count - offset }

    mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= remaining else {
            throw LearningError.corruptedPayload("field of \(n) bytes runs past the end at offset \(offset)")
        }
        defer { offset += n }
        return bytes[offset..<(offset + n)]
    }

    public mutating func readUInt8() throws -> UInt8 { try take(1).first! }
    public mutating func readBool() throws -> Bool {
        let b = try readUInt8()
        guard b <= 1 else { throw LearningError.corruptedPayload("invalid boolean byte \(b)") }
        return b == 1
    }
    public mutating func readUInt16() throws -> UInt16 {
        try take(2).enumerated().reduce(0) { $0 | UInt16($1.element) << (8 * UInt16($1.offset)) }
    }
    public mutating func readUInt64() throws -> UInt64 {
        try take(8).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }
    public mutating func readInt() throws -> Int { Int(Int64(bitPattern: try readUInt64())) }
    public mutating func readDouble() throws -> Double { Double(bitPattern: try readUInt64()) }

    /// Element count guarded against absurd values from corrupted data.
    public mutating func readCount(elementSize: Int) throws -> Int {
        let n = try readInt()
        guard n >= 0, n <= remaining / max(1, elementSize) else {
            throw LearningError.corruptedPayload("array length \(n) does not fit in the remaining \(remaining) bytes")
        }
        return n
    }
    public mutating func readString() throws -> String {
        let n = try readCount(elementSize: 1)
        guard let s = String(validating: try take(n), as: UTF8.self) else {
            throw LearningError.corruptedPayload("invalid UTF-8 string")
        }
        return s
    }
    public mutating func readDoubles() throws -> [Double] {
        let n = try readCount(elementSize: 8)
        return try (0..<n).map { _ in try readDouble() }
    }
    public mutating func readInts() throws -> [Int] {
        let n = try readCount(elementSize: 8)
        return try (0..<n).map { _ in try readInt() }
    }
    public mutating func readInt32s() throws -> [Int32] {
        try readInts().map { v in
            guard let x = Int32(exactly: v) else { throw LearningError.corruptedPayload("value \(v) out of Int32 range") }
            return x
        }
    }
    public mutating func readBools() throws -> [Bool] {
        let n = try readCount(elementSize: 1)
        return try (0..<n).map { _ in try readBool() }
    }
    public mutating func readStrings() throws -> [String] {
        let n = try readCount(elementSize: 8)
        return try (0..<n).map { _ in try readString() }
    }
    public mutating func readUInt64s() throws -> [UInt64] {
        let n = try readCount(elementSize: 8)
        return try (0..<n).map { _ in try readUInt64() }
    }
}
