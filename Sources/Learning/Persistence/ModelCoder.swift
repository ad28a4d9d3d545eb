/// A fitted model that can be stored as a versioned blob.
public protocol PersistableModel: Sendable {
    /// Stable identifier written into the blob header.
    static var modelKind: String { get }
    func encodePayload(into w: inout BinaryWriter)
    static func decodePayload(from r: inout BinaryReader) throws -> Self
}

/// Versioned binary envelope for models:
/// magic "JKML" | format version (UInt16) | kind (string) | payload length (UInt64) | payload | FNV-1a 64 checksum
/// of everything before it. All integers are little-endian.
public enum ModelCoder {
    public static let magic: [UInt8] = Array("JKML".utf8)
    public static let formatVersion: UInt16 = 1

    public static func encode<M: PersistableModel>(_ model: M) -> [UInt8] {
        var payload = BinaryWriter()
        model.encodePayload(into: &payload)
        var w = BinaryWriter()
        w.append(magic)
        w.write(formatVersion)
        w.write(M.modelKind)
        w.write(UInt64(payload.bytes.count))
        w.append(payload.bytes)
        let sum = checksum(w.bytes[...])
        w.write(sum)
        return w.bytes
    }

    public static func decode<M: PersistableModel>(_ type: M.Type, from bytes: [UInt8]) throws -> M {
        // Checks go from the cheapest, most specific diagnosis to the most general.
        guard bytes.count >= magic.count + 2 else {
            throw LearningError.truncatedModel(expectedBytes: magic.count + 2, actualBytes: bytes.count)
        }
        guard Array(bytes[0..<magic.count]) == magic else { throw LearningError.badMagic }
        var r = BinaryReader(bytes, offset: magic.count)
        let version = try r.readUInt16()
        guard version <= formatVersion, version >= 1 else {
            throw LearningError.unsupportedFormatVersion(found: version, supported: formatVersion)
        }
        let kind: String
        let length: UInt64
        do {
            kind = try r.readString()
            length = try r.readUInt64()
        } catch {
            throw LearningError.truncatedModel(expectedBytes: r.offset + 16, actualBytes: bytes.count)
        }
        let payloadStart = r.offset
        guard length <= UInt64(Int.max / 2), payloadStart + Int(length) + 8 <= bytes.count else {
            throw LearningError.truncatedModel(expectedBytes: payloadStart + Int(min(length, UInt64(Int.max / 4))) + 8,
                                               actualBytes: bytes.count)
        }
        let end = payloadStart + Int(length)
        var tail = BinaryReader(bytes, offset: end)
        let stored = try tail.readUInt64()
        guard stored == checksum(bytes[0..<end]) else { throw LearningError.checksumMismatch }
        guard kind == M.modelKind else { throw LearningError.wrongModelKind(expected: M.modelKind, found: kind) }
        var payload = BinaryReader(Array(bytes[payloadStart..<end]))
        let model = try M.decodePayload(from: &payload)
        guard payload.remaining == 0 else {
            throw LearningError.corruptedPayload("\(payload.remaining) unexpected trailing bytes")
        }
        return model
    }

    /// FNV-1a 64-bit: enough to catch accidental corruption; not a security measure.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }
}
