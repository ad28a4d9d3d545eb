/// The most one row and one field of a dump may hold, and one JSON file (or one file inflated from a .zip). A longer
/// row, or a JSON entry with a longer text field, is a reject that keeps only an excerpt of its start; a longer JSON
/// file is refused before it is read.
public struct InputLimits: Sendable, Equatable {
    /// Bytes of one record, its line terminator excluded.
    public var maxRowBytes: Int
    /// Bytes of one field, its quotes undone.
    public var maxFieldBytes: Int
    /// Characters of an overlong row kept for the rejects table (and any message).
    public var excerptCharacters: Int
    /// Bytes of one JSON file (a listening history, a playlist slice), or of one .zip entry once inflated: a JSON
    /// file is decoded whole, in memory.
    public var maxJSONBytes: Int

    public init(maxRowBytes: Int, maxFieldBytes: Int, excerptCharacters: Int, maxJSONBytes: Int = 64 << 20) {
        self.maxRowBytes = maxRowBytes
        self.maxFieldBytes = maxFieldBytes
        self.excerptCharacters = excerptCharacters
        self.maxJSONBytes = maxJSONBytes
    }

    /// What `jukebox ingest` allows: 1 MiB a row, 1 MiB a field (the longest row of the bundled dumps is under 2 KB),
    /// 64 MiB a JSON file (a Million Playlist Dataset slice is about 33 MB, a Spotify history file under 15 MB).
    public static let standard = InputLimits(maxRowBytes: 1 << 20, maxFieldBytes: 1 << 20, excerptCharacters: 200)

    var rowTooLong: String { "the row is longer than \(Self.describe(maxRowBytes)); only its start is kept" }

    func fieldTooLong(_ field: Int) -> String { "field \(field) is longer than \(Self.describe(maxFieldBytes))" }

    func jsonTooLarge(_ bytes: Int) -> String {
        "it is \(bytes) bytes, over the limit of \(Self.describe(maxJSONBytes)) for one JSON file"
    }

    /// Why a text field of a JSON entry cannot be stored as it stands, or nil: over the field limit, or holding a NUL
    /// (SQLite's text binding would cut the name there). The entry is then a reject; nothing is cut silently.
    func textProblem(_ field: String, _ value: String) -> String? {
        if value.utf8.count > maxFieldBytes { return "\(field) is longer than \(Self.describe(maxFieldBytes)) ('\(excerpt(value))')" }
        if value.utf8.contains(0) { return "\(field) holds a NUL character (\\u0000)" }
        return nil
    }

    /// The first `excerptCharacters` characters of a text, with `…` when there was more.
    func excerpt(_ text: String) -> String {
        text.count > excerptCharacters ? text.prefix(excerptCharacters) + "…" : text
    }

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
