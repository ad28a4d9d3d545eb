/// The most one row and one field of a dump may hold. A longer row is a reject that keeps only an excerpt
/// of its start, and the reader skips to the next record without holding the rest in memory.
public struct InputLimits: Sendable, Equatable {
    /// Bytes of one record, its line terminator excluded.
    public var maxRowBytes: Int
    /// Bytes of one field, its quotes undone.
    public var maxFieldBytes: Int
    /// Characters of an overlong row kept for the rejects table (and any message).
    public var excerptCharacters: Int

    public init(maxRowBytes: Int, maxFieldBytes: Int, excerptCharacters: Int) {
        self.maxRowBytes = maxRowBytes
        self.maxFieldBytes = maxFieldBytes
        self.excerptCharacters = excerptCharacters
    }

    /// What `jukebox ingest` allows: 1 MiB a row, 1 MiB a field (the longest row of the bundled dumps is under 2 KB).
    public static let standard = InputLimits(maxRowBytes: 1 << 20, maxFieldBytes: 1 << 20, excerptCharacters: 200)

    var rowTooLong: String { "the row is longer than \(Self.describe(maxRowBytes)); only its start is kept" }

    func fieldTooLong(_ field: Int) -> String { "field \(field) is longer than \(Self.describe(maxFieldBytes))" }

    /// The first `excerptCharacters` characters of a record, with `…` when there was more.
    func excerpt(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let text = String(decoding: bytes.prefix(4 * excerptCharacters), as: UTF8.self)
        return ArraySlice(text.prefix(excerptCharacters).utf8) + (text.count > excerptCharacters || bytes.count > 4 * excerptCharacters ? Array("…".utf8) : [])
    }

    static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
