import Core
import Foundation
import Store

/// A streaming RFC 4180 reader: quoted fields with commas, newlines and doubled quotes; a UTF-8
/// byte-order mark; CRLF or LF. It holds one chunk (plus the record that straddles it, up to the row
/// limit) in memory, so memory does not grow with the file or with one overlong line.
public final class CSVReader {
    public enum ReadError: Error, Equatable, LocalizedError {
        case cannotOpen(path: String, reason: String)
        case notText(path: String)
        /// `encoding` is what `iconv -f` needs: UTF-16 when a byte-order mark says which, else UTF-16LE or UTF-16BE.
        case utf16(path: String, encoding: String)

        public var errorDescription: String? {
            switch self {
            case let .cannotOpen(path, reason): return "cannot read \(path): \(reason)"
            case let .notText(path): return "\(path) is not a CSV text file (it contains NUL bytes)"
            case let .utf16(path, encoding):
                return "\(path) is UTF-16 text; Jukebox reads UTF-8 only. Convert it first, for example: "
                    + "iconv -f \(encoding) -t UTF-8 \(path) > converted.csv"
            }
        }
    }

    public let path: String
    /// The file's size; nil for a stream (a FIFO, or /dev/stdin reading a pipe), whose size is known once read.
    public let fileSize: Int?
    public let limits: InputLimits
    private let handle: FileHandle
    private let chunkSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var reachedEOF = false
    private var line = 1
    private var atStart = true
    /// Bytes read so far (for progress reporting).
    public private(set) var bytesRead = 0
    /// The most bytes the buffer has held (tests check that an overlong line does not grow it).
    private(set) var peakBufferedBytes = 0
    /// Set by `hashWhileReading()`: hashes every chunk as it is read, so a fingerprint needs no second pass.
    private var hasher: SHA256?
    /// SHA-256 of the whole file, once the reader has reached its end while hashing.
    public private(set) var sha256: String?

    public init(path: String, chunkSize: Int = 1 << 20, limits: InputLimits = .standard) throws {
        self.path = path
        self.handle = try Self.openForReading(path: path)
        self.chunkSize = chunkSize
        self.limits = limits
        var status = stat()
        let isRegularFile = fstat(handle.fileDescriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
        fileSize = isRegularFile ? Int(status.st_size) : nil
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
            // The record runs past the buffer: read more and parse it again from its start, unless it is too long already.
            if buffer.count - position > limits.maxRowBytes { return try skipOverlongRecord() }
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
        if bytesRead == 0, let encoding = Self.utf16Encoding(chunk) { throw ReadError.utf16(path: path, encoding: encoding) }
        bytesRead += chunk.count
        if chunk.contains(0) { throw ReadError.notText(path: path) }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: chunk)
        peakBufferedBytes = max(peakBufferedBytes, buffer.count)
    }

    /// The `iconv` name of the UTF-16 flavour a file's first bytes are in, or nil if they are not UTF-16: a
    /// byte-order mark, or (mostly ASCII text without one) a NUL in every other byte, on one side only.
    static func utf16Encoding(_ start: [UInt8]) -> String? {
        if start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) { return "UTF-16" }
        let sample = start.prefix(4096)
        guard sample.count >= 4 else { return nil }
        var evenNULs = 0, oddNULs = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenNULs += 1 } else { oddNULs += 1 }
        }
        let pairs = sample.count / 2
        if evenNULs == 0 && oddNULs * 2 >= pairs { return "UTF-16LE" }
        if oddNULs == 0 && evenNULs * 2 >= pairs { return "UTF-16BE" }
        return nil
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
                    // A closing quote must end the field (`"Com"edy"` should be `"Com""edy"`): the record is a reject. Its
                    // text up to the next comma still belongs to the field, so the record ends where it always did.
                    let afterQuote = i
                    while i < count && bytes[i] != UInt8(ascii: ",") && bytes[i] != UInt8(ascii: "\n") && bytes[i] != UInt8(ascii: "\r") {
                        scratch.append(bytes[i])
                        i += 1
                    }
                    if i > afterQuote && problem == nil {
                        problem = "field \(fields.count + 1) has a stray quote: a quote inside a quoted field must be doubled (\"\")"
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
        var record = CSVRecord(fields: fields, lineNumber: line, rawBytes: buffer[start..<end], problem: problem)
        line += newlines + (terminatorLength > 0 ? 1 : 0)
        position = end + terminatorLength
        if end - start > limits.maxRowBytes {
            record = CSVRecord(fields: [], lineNumber: record.lineNumber, rawBytes: limits.excerpt(record.rawBytes), problem: limits.rowTooLong)
        } else if end - start > limits.maxFieldBytes, let field = fields.firstIndex(where: { $0.utf8.count > limits.maxFieldBytes }) {
            record = CSVRecord(fields: [], lineNumber: record.lineNumber, rawBytes: limits.excerpt(record.rawBytes),
                               problem: limits.fieldTooLong(field + 1))
        }
        return record
    }

    /// Where the scan of an overlong record stands: the parser's rules, byte by byte, without keeping the bytes.
    private enum SkipState { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// The record at `position` is longer than the row limit: scans to its end as `parseRecord` would (quotes,
    /// newlines in them, CRLF), dropping each chunk once scanned, and returns it as a reject with an excerpt.
    private func skipOverlongRecord() throws -> CSVRecord {
        let excerpt = limits.excerpt(buffer[position...])
        let lineNumber = line
        var state = SkipState.fieldStart
        var newlines = 0
        var terminatorLength = -1
        while terminatorLength < 0 {
            let scanned: Int = buffer.withUnsafeBufferPointer { bytes in
                var i = position
                while i < bytes.count {
                    let byte = bytes[i]
                    switch state {
                    case .quoted:
                        if byte == UInt8(ascii: "\"") { state = .quoteInQuoted } else if byte == UInt8(ascii: "\n") { newlines += 1 }
                        i += 1
                        continue
                    case .quoteInQuoted, .fieldStart:
                        if byte == UInt8(ascii: "\"") {
                            state = .quoted
                            i += 1
                            continue
                        }
                        state = .unquoted
                    case .unquoted:
                        break
                    }
                    if byte == UInt8(ascii: ",") {
                        state = .fieldStart
                    } else if byte == UInt8(ascii: "\n") {
                        terminatorLength = 1
                        return i
                    } else if byte == UInt8(ascii: "\r") {
                        // A CR at the end of the buffer waits for the next chunk, which may start with its LF.
                        if i + 1 >= bytes.count && !reachedEOF { return i }
                        terminatorLength = i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\n") ? 2 : 1
                        return i
                    }
                    i += 1
                }
                return i
            }
            position = scanned
            if terminatorLength >= 0 { break }
            if reachedEOF {
                terminatorLength = 0
                break
            }
            try fill()
        }
        line += newlines + (terminatorLength > 0 ? 1 : 0)
        position += terminatorLength
        return CSVRecord(fields: [], lineNumber: lineNumber, rawBytes: excerpt, problem: limits.rowTooLong)
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
