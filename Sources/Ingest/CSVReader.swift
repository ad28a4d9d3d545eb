import Core
import Foundation

/// One record of a CSV file: its fields, where it starts, and its raw text for the rejects table.
public struct CSVRecord: Sendable {
    public var fields: [String]
    /// 1-based physical line on which the record starts (a quoted newline makes records span lines).
    public var lineNumber: Int
    /// The record's bytes as they stand in the file, without the line terminator.
    public var rawBytes: ArraySlice<UInt8>
    /// Set when the record cannot be read as CSV (for example an unterminated quote, or bytes that are not UTF-8).
    public var problem: String?

    public var rawText: String { String(decoding: rawBytes, as: UTF8.self) }
}

/// A streaming RFC 4180 reader: quoted fields with commas, newlines and doubled quotes; a UTF-8
/// byte-order mark; CRLF or LF. It holds one chunk (plus the record that straddles it) in memory,
/// so memory does not grow with the file.
public final class CSVReader {
    public enum ReadError: Error, Equatable, LocalizedError {
        case cannotOpen(path: String, reason: String)
        case notText(path: String)

        public var errorDescription: String? {
            switch self {
            case let .cannotOpen(path, reason): return "cannot read \(path): \(reason)"
            case let .notText(path): return "\(path) is not a CSV text file (it contains NUL bytes)"
            }
        }
    }

    public let path: String
    private let handle: FileHandle
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var reachedEOF = false
    private var line = 1
    private var atStart = true
    /// Bytes read so far (for progress reporting).
    public private(set) var bytesRead = 0
    /// Set by `hashWhileReading()`: hashes every chunk as it is read, so a fingerprint needs no second pass.
    private var hasher: SHA256?
    /// SHA-256 of the whole file, once the reader has reached its end while hashing.
    public private(set) var sha256: String?

    public init(path: String, chunkSize: Int = 1 << 20) throws {
        self.path = path
        self.handle = try Self.openForReading(path: path)
        self.chunkSize = chunkSize
    }

    /// Opens a file to read, with a clear error for a missing file, a folder or one we may not read.
    public static func openForReading(path: String) throws -> FileHandle {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError.cannotOpen(path: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw ReadError.cannotOpen(path: path, reason: "it is a folder") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ReadError.cannotOpen(path: path, reason: "permission denied")
        }
        return handle
    }

    deinit { try? handle.close() }

    /// Hash the file's bytes as they are read; call before the first `next()`. `sha256` is set at the end.
    public func hashWhileReading() {
        precondition(bytesRead == 0, "hashWhileReading() must come before the first read")
        hasher = SHA256()
    }

    /// The next record, or nil at the end of the file. Blank lines are skipped.
    public func next() throws -> CSVRecord? {
        while true {
            if position >= buffer.count {
                if reachedEOF { return nil }
                try fill()
                continue
            }
            if atStart {
                // A byte-order mark may straddle the first chunks: decide once three bytes are in.
                if buffer.count < 3 && !reachedEOF { try fill(); continue }
                atStart = false
                if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3; continue }
            }
            if let record = try parseRecord() {
                if record.fields.count == 1 && record.fields[0].isEmpty && record.problem == nil { continue }
                return record
            }
            // The record runs past the buffer: read more and parse it again from its start.
            try fill()
        }
    }

    /// Reads the next chunk, keeping the unparsed tail of the buffer.
    private func fill() throws {
        let data: Data
        do {
            data = try handle.read(upToCount: chunkSize) ?? Data()
        } catch {
            throw ReadError.cannotOpen(path: path, reason: error.localizedDescription)
        }
        if data.isEmpty {
            reachedEOF = true
            sha256 = hasher?.finalizeHex()
            return
        }
        let chunk = [UInt8](data)
        hasher?.update(chunk)
        bytesRead += chunk.count
        if chunk.contains(0) { throw ReadError.notText(path: path) }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: chunk)
    }

    /// Parses one record at `position`. Returns nil when the buffer ends inside it and more input may follow.
    private func parseRecord() throws -> CSVRecord? {
        let start = position
        var fields: [String] = []
        fields.reserveCapacity(24)
        var newlines = 0
        var problem: String?
        var end = start
        var terminatorLength = 0
        let result: Bool = buffer.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            var i = start
            var scratch: [UInt8] = []
            while true {
                // One field starts at i.
                if i < count && bytes[i] == UInt8(ascii: "\"") {
                    scratch.removeAll(keepingCapacity: true)
                    i += 1
                    var closed = false
                    while i < count {
                        let byte = bytes[i]
                        if byte == UInt8(ascii: "\"") {
                            if i + 1 < count && bytes[i + 1] == UInt8(ascii: "\"") {
                                scratch.append(UInt8(ascii: "\""))
                                i += 2
                                continue
                            }
                            if i + 1 >= count && !reachedEOF { return false }
                            closed = true
                            i += 1
                            break
                        }
                        if byte == UInt8(ascii: "\n") { newlines += 1 }
                        scratch.append(byte)
                        i += 1
                    }
                    if !closed {
                        if !reachedEOF { return false }
                        problem = "unterminated quoted field"
                    }
                    // Lenient: text after a closing quote (`"a"b`) belongs to the field.
                    while i < count && bytes[i] != UInt8(ascii: ",") && bytes[i] != UInt8(ascii: "\n") && bytes[i] != UInt8(ascii: "\r") {
                        scratch.append(bytes[i])
                        i += 1
                    }
                    fields.append(scratch.withUnsafeBufferPointer { Self.string($0, problem: &problem) })
                } else {
                    let fieldStart = i
                    while i < count && bytes[i] != UInt8(ascii: ",") && bytes[i] != UInt8(ascii: "\n") && bytes[i] != UInt8(ascii: "\r") {
                        i += 1
                    }
                    fields.append(Self.string(UnsafeBufferPointer(rebasing: bytes[fieldStart..<i]), problem: &problem))
                }
                // After a field: a comma, a line end, or the end of the input.
                if i >= count {
                    if !reachedEOF { return false }
                    end = i
                    terminatorLength = 0
                    return true
                }
                let byte = bytes[i]
                if byte == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                if byte == UInt8(ascii: "\r") {
                    if i + 1 >= count && !reachedEOF { return false }
                    end = i
                    terminatorLength = (i + 1 < count && bytes[i + 1] == UInt8(ascii: "\n")) ? 2 : 1
                    return true
                }
                end = i
                terminatorLength = 1
                return true
            }
        }
        guard result else {
            position = start
            return nil
        }
        let record = CSVRecord(fields: fields, lineNumber: line, rawBytes: buffer[start..<end], problem: problem)
        line += newlines + (terminatorLength > 0 ? 1 : 0)
        position = end + terminatorLength
        return record
    }

    /// Runs for every field. ASCII, the common case, is valid UTF-8 as it stands and skips the validating
    /// initializer, which is generic over the encoding and looked its types up on every call.
    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, problem: inout String?) -> String {
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if problem == nil { problem = "the record is not valid UTF-8 text" }
        return String(decoding: bytes, as: UTF8.self)
    }
}
