import Core
import Foundation
import Store
import Testing
@testable import Ingest

/// Reads every record of `text` with a deliberately tiny chunk size, so records straddle chunks.
func readAll(_ text: String, chunkSize: Int = 7, limits: InputLimits = .standard) throws -> [CSVRecord] {
    try readAll(bytes: Array(text.utf8), chunkSize: chunkSize, limits: limits)
}

func readAll(bytes: [UInt8], chunkSize: Int = 7, limits: InputLimits = .standard) throws -> [CSVRecord] {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let reader = try CSVReader(path: url.path, chunkSize: chunkSize, limits: limits)
    var records: [CSVRecord] = []
    while let record = try reader.next() { records.append(record) }
    return records
}

struct CSVReaderTests {
    /// The fingerprint taken while reading (chunks of 7 bytes, a BOM, a quoted newline) is the file's SHA-256.
    @Test func hashesTheWholeFileWhileReading() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\r\n\"x\ny\",2\n\n3,4".utf8)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVReader(path: url.path, chunkSize: 7)
        reader.hashWhileReading()
        var records = 0
        while try reader.next() != nil {
            #expect(reader.sha256 == nil || records >= 2)
            records += 1
        }
        #expect(records == 3)
        #expect(reader.sha256 == SHA256.hex(bytes))
        #expect(reader.sha256 == (try Ingester.fingerprint(path: url.path)).sha256)
    }

    @Test func splitsPlainFields() throws {
        let records = try readAll("a,b,c\n1,2,3\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
    }

    @Test func quotedFieldsKeepCommasNewlinesAndDoubledQuotes() throws {
        let records = try readAll("name,note\n\"Hello, World\",\"say \"\"hi\"\"\nthen go\"\nx,y\n")
        #expect(records.count == 3)
        #expect(records[1].fields == ["Hello, World", "say \"hi\"\nthen go"])
        #expect(records[2].fields == ["x", "y"])
    }

    @Test func lineNumbersCountPhysicalLines() throws {
        let records = try readAll("h1,h2\n\"a\nb\",c\nd,e\n")
        #expect(records.map(\.lineNumber) == [1, 2, 4])
    }

    @Test func handlesCRLFAndMissingFinalNewline() throws {
        let records = try readAll("a,b\r\n1,2\r\n3,4")
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(records[1].rawText == "1,2")
    }

    @Test func skipsByteOrderMark() throws {
        let records = try readAll(bytes: [0xEF, 0xBB, 0xBF] + Array("track_id,name\n1,x\n".utf8))
        #expect(records[0].fields == ["track_id", "name"])
    }

    @Test func emptyFieldsAndBlankLines() throws {
        let records = try readAll("a,b,c\n,,\n\n1,,3\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["", "", ""], ["1", "", "3"]])
    }

    @Test func keepsRawTextForRejects() throws {
        let records = try readAll("a,b\n\"q, r\",2\n")
        #expect(records[1].rawText == "\"q, r\",2")
    }

    @Test func unterminatedQuoteIsAProblemNotACrash() throws {
        let records = try readAll("a,b\n1,\"never closed\n2,3\n")
        #expect(records.count == 2)
        #expect(records[1].problem == "unterminated quoted field")
    }

    @Test func invalidUTF8IsAProblem() throws {
        let records = try readAll(bytes: Array("a,b\n".utf8) + [0x66, 0xFF, 0x2C, 0x32, 0x0A])
        #expect(records[1].problem == "the record is not valid UTF-8 text")
    }

    @Test func binaryFileIsRefused() throws {
        #expect(throws: CSVReader.ReadError.self) { try readAll(bytes: [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x10]) }
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: CSVReader.ReadError.cannotOpen(path: "/no/such/file.csv", reason: "no such file")) {
            _ = try CSVReader(path: "/no/such/file.csv")
        }
    }

    /// Over the row limit a record is a problem that keeps an excerpt, and reading goes on at the next record
    /// (after quoted commas, newlines and doubled quotes, a CRLF or a lone CR), its line counted right, whether
    /// the record fits the buffer or spans many chunks.
    @Test(arguments: [1, 7, 64, 1 << 16])
    func overlongRowIsSkippedToTheNextRecord(chunkSize: Int) throws {
        let limits = InputLimits(maxRowBytes: 40, maxFieldBytes: 40, excerptCharacters: 10)
        let long = "\"" + String(repeating: "ab,\n\"\"", count: 20) + "\",x"
        let text = "h1,h2\n" + long + "\r\nc,d\r\n" + String(repeating: "y", count: 100) + "\re,f"
        let records = try readAll(text, chunkSize: chunkSize, limits: limits)
        #expect(records.map(\.fields) == [["h1", "h2"], [], ["c", "d"], [], ["e", "f"]])
        #expect(records.map(\.lineNumber) == [1, 2, 23, 24, 25])
        #expect(records[1].problem == "the row is longer than 40 bytes; only its start is kept")
        #expect(records[1].rawText == "\"ab,\n\"\"ab,…")
        #expect(records[3].rawText == "yyyyyyyyyy…")
    }

    @Test func overlongFieldIsAProblem() throws {
        let limits = InputLimits(maxRowBytes: 100, maxFieldBytes: 8, excerptCharacters: 5)
        let records = try readAll("a,b\n1,123456789\n\"12345678\",2\n", limits: limits)
        #expect(records[1].problem == "field 2 is longer than 8 bytes")
        #expect(records[1].fields.isEmpty)
        #expect(records[1].rawText == "1,123…")
        #expect(records[2].problem == nil)
    }

    /// A 50 MB line without a newline: one problem record, read with a buffer no larger than the row limit and a
    /// chunk or two (it held the whole line, and parsed it again after each chunk).
    @Test func memoryStaysFlatOnAFiftyMegabyteLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        try Data(Array("a,b\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 50 << 20)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVReader(path: url.path)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        #expect(records.count == 2)
        #expect(records[1].problem == "the row is longer than 1 MiB; only its start is kept")
        #expect(records[1].rawBytes.count < 1000)
        #expect(reader.peakBufferedBytes <= InputLimits.standard.maxRowBytes + 2 << 20)
    }

    @Test func aQuoteInsideAQuotedFieldMustBeDoubled() throws {
        let records = try readAll("a,b\n\"Com\"edy\",x\n\"Com\"\"edy\",y\n\"a\" ,z\n")
        #expect(records[1].problem == "field 1 has a stray quote: a quote inside a quoted field must be doubled (\"\")")
        #expect(records[2].problem == nil)
        #expect(records[2].fields == ["Com\"edy", "y"])
        #expect(records[3].problem?.hasPrefix("field 1 has a stray quote") == true)
        #expect(records.map(\.lineNumber) == [1, 2, 3, 4])
    }

    @Test func tellsUTF16FromOtherBinaries() {
        let text = Array("track_name,artists\n".utf16)
        #expect(CSVReader.utf16Encoding([0xFF, 0xFE] + text.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) == "UTF-16")
        #expect(CSVReader.utf16Encoding([0xFE, 0xFF] + text.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }) == "UTF-16")
        #expect(CSVReader.utf16Encoding(text.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) == "UTF-16LE")
        #expect(CSVReader.utf16Encoding(text.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }) == "UTF-16BE")
        #expect(CSVReader.utf16Encoding([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00]) == nil)
        #expect(CSVReader.utf16Encoding([0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8)) == nil)
    }

    @Test func sameRecordsWhateverTheChunkSize() throws {
        let text = "a,b\n\"x,\"\"y\"\"\",2\r\nlong field here,\"multi\nline\"\n"
        let small = try readAll(text, chunkSize: 1).map(\.fields)
        let large = try readAll(text, chunkSize: 1 << 16).map(\.fields)
        #expect(small == large)
        #expect(small.count == 3)
    }
}
