import Core
import Foundation
import Testing
@testable import Ingest

/// Reads every record of `text` with a deliberately tiny chunk size, so records straddle chunks.
func readAll(_ text: String, chunkSize: Int = 7) throws -> [CSVRecord] {
    try readAll(bytes: Array(text.utf8), chunkSize: chunkSize)
}

func readAll(bytes: [UInt8], chunkSize: Int = 7) throws -> [CSVRecord] {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let reader = try CSVReader(path: url.path, chunkSize: chunkSize)
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

    @Test func sameRecordsWhateverTheChunkSize() throws {
        let text = "a,b\n\"x,\"\"y\"\"\",2\r\nlong field here,\"multi\nline\"\n"
        let small = try readAll(text, chunkSize: 1).map(\.fields)
        let large = try readAll(text, chunkSize: 1 << 16).map(\.fields)
        #expect(small == large)
        #expect(small.count == 3)
    }
}
