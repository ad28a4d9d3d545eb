/// Little-endian byte writer for model payloads.
public struct BinaryWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    public init() {}

    public mutating func write(_ v: UInt8) { bytes.append(v) }
    public mutating func write(_ v: Bool) { bytes.append(v ? 1 : 0) }
    public mutating func write(_ v: UInt16) { for i in 0..<2 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt16(i)))) } }
    public mutating func write(_ v: UInt64) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) } }
    public mutating func write(_ v: Int) { write(UInt64(bitPattern: Int64(v))) }
    public mutating func write(_ v: Double) { write(v.bitPattern) }
    public mutating func write(_ s: String) {
        let u = Array(s.utf8)
        write(u.count)
        bytes.append(contentsOf: u)
    }
    public mutating func write(_ a: [Double]) { write(a.count); for v in a { write(v) } }
    public mutating func write(_ a: [Int]) { write(a.count); for v in a { write(v) } }
    public mutating func write(_ a: [Int32]) { write(a.count); for v in a { write(Int(v)) } }
    public mutating func write(_ a: [Bool]) { write(a.count); for v in a { write(v) } }
    public mutating func write(_ a: [String]) { write(a.count); for v in a { write(v) } }
    public mutating func write(_ a: [UInt64]) { write(a.count); for v in a { write(v) } }
    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }
}
