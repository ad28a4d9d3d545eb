/// Length-prefixed nested blobs: a model stored inside another model's payload (as Jukebox's genre and
/// popularity pipelines hold a boosted-trees model).
extension BinaryWriter {
    public mutating func writeBlob(_ blob: [UInt8]) {
        write(blob.count)
        append(blob)
    }
}

extension BinaryReader {
    public mutating func readBlob() throws -> [UInt8] {
        let length = try readInt()
        guard length >= 0, length <= bytes.count - offset else {
            throw LearningError.corruptedPayload("nested blob of \(length) bytes at offset \(offset) runs past the end")
        }
        let blob = Array(bytes[offset..<(offset + length)])
        self = BinaryReader(bytes, offset: offset + length)
        return blob
    }
}
