import Core
import Foundation
import GRDB
import Testing
@testable import Ingest
@_spi(WarehouseSQL) import Store

/// What an ingest does with input it must not take as it stands: overlong rows and fields, stray quotes,
/// text that is not UTF-8, and files that are not regular files.
struct InputLimitsTests {
    /// A line over the row limit without a newline (the file's last line) is one reject with its line number and
    /// a short excerpt; the rows before it load. (CSVReaderTests reads a 50 MB one; a debug build hashes only
    /// a few MB a second, so these are a few MB.)
    @Test func anOverlongLineIsRejectedWithAnExcerpt() throws {
        let warehouse = try temporaryWarehouse()
        let path = try temporaryCSV(bytes: Array("track_name,artists\nAlpha,Ann\n".utf8) + Array(repeating: UInt8(ascii: "x"), count: 3 << 20))
        let report = try Ingester(warehouse: warehouse).ingest(path: path)
        #expect(report.rowsRead == 2)
        #expect(report.rowsAccepted == 1)
        #expect(report.rowsRejected == 1)
        let rejects = try warehouse.pool.read { try RejectEntry.fetch($0) }
        #expect(rejects.map(\.lineNumber) == [3])
        #expect(rejects.first?.reason.contains("longer than 1 MiB") == true)
        #expect(rejects.first.map { $0.rawLine.count <= 201 && $0.rawLine.hasPrefix("xxxxxxxx") } == true)
        #expect(try warehouse.count("SELECT max(length(raw_line)) FROM rejects") <= 201)
    }

    /// A quoted field over the limit (newlines inside) is not stored: its row is a reject, and the next row, found
    /// after the field's closing quote, loads with its right line number.
    @Test func anOverlongFieldIsRejectedAndTheNextRowLoads() throws {
        let warehouse = try temporaryWarehouse()
        let field = String(repeating: "Long name\n", count: 300_000)
        let path = try temporaryCSV("track_name,artists\nAlpha,Ann\n\"\(field)\",Bob\nOmega,Cy\nBad\n")
        let report = try Ingester(warehouse: warehouse).ingest(path: path)
        #expect(report.rowsAccepted == 2)
        #expect(report.rowsRejected == 2)
        let rejects = try warehouse.pool.read { try RejectEntry.fetch($0) }
        #expect(rejects.map(\.lineNumber) == [3, 3 + 300_000 + 2])
        #expect(rejects.first?.reason.contains("longer than 1 MiB") == true)
        #expect(try warehouse.count("SELECT max(length(raw_line)) FROM rejects") <= 201)
        #expect(try warehouse.count("SELECT max(length(name)) FROM tracks") == 5)
        #expect(try warehouse.count("SELECT count(*) FROM tracks WHERE name = 'Omega'") == 1)
    }

    /// RFC 4180: a quote inside a quoted field must be doubled. `"Com"edy"` is a reject, not `Comedy"`.
    @Test func aStrayQuoteInAQuotedFieldIsAReject() throws {
        let warehouse = try temporaryWarehouse()
        let path = try temporaryCSV("track_name,artists\n\"Com\"edy\",Gen Hoshino\n\"Say \"\"hi\"\"\",Ann\n")
        let report = try Ingester(warehouse: warehouse).ingest(path: path)
        #expect(report.rowsAccepted == 1)
        let rejects = try warehouse.pool.read { try RejectEntry.fetch($0) }
        #expect(rejects.map(\.lineNumber) == [2])
        #expect(rejects.first?.reason == "field 1 has a stray quote: a quote inside a quoted field must be doubled (\"\")")
        #expect(try warehouse.pool.read { try String.fetchAll($0, sql: "SELECT name FROM tracks") } == ["Say \"hi\""])
    }

    /// A header over the row limit refuses the file, in a message that does not echo it.
    @Test func anOverlongHeaderIsRefusedWithoutEchoingIt() throws {
        let warehouse = try temporaryWarehouse()
        let path = try temporaryCSV("track_name,artists," + String(repeating: "x", count: 3 << 20) + "\nA,B\n")
        do {
            try Ingester(warehouse: warehouse).ingest(path: path)
            Issue.record("loaded")
        } catch {
            let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
            #expect(message == "\(path) has no readable CSV header on line 1: the row is longer than 1 MiB; only its start is kept")
        }
        #expect(try warehouse.count("SELECT count(*) FROM ingests") == 0)
    }

    /// `iconv -f UTF-16` reads a byte-order mark; without one it must be told the byte order.
    @Test(arguments: [
        ("UTF-16", [0xFF, 0xFE] + Array("track_name,artists\nA,B\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
        ("UTF-16", [0xFE, 0xFF] + Array("track_name,artists\nA,B\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
        ("UTF-16LE", Array("track_name,artists\nA,B\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
        ("UTF-16BE", Array("track_name,artists\nA,B\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
    ] as [(String, [UInt8])])
    func aUTF16FileIsRefusedWithHowToConvertIt(kind: String, bytes: [UInt8]) throws {
        let warehouse = try temporaryWarehouse()
        let path = try temporaryCSV(bytes: bytes)
        do {
            try Ingester(warehouse: warehouse).ingest(path: path)
            Issue.record("\(kind) was loaded")
        } catch {
            let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
            #expect(message.contains("is UTF-16 text"), "\(kind): \(message)")
            #expect(message.contains("iconv -f \(kind) -t UTF-8"), "\(kind): \(message)")
        }
        #expect(try warehouse.count("SELECT count(*) FROM ingests") == 0)
    }

    @Test func aUTF8ByteOrderMarkStillLoads() throws {
        let warehouse = try temporaryWarehouse()
        let path = try temporaryCSV(bytes: [0xEF, 0xBB, 0xBF] + Array("track_name,artists\nAlpha,Ann\n".utf8))
        let report = try Ingester(warehouse: warehouse).ingest(path: path)
        #expect(report.rowsAccepted == 1)
        #expect(report.ignoredColumns.isEmpty)
    }

    /// A named pipe is read as a stream: the rows load, the fingerprint is taken while reading, and the same
    /// bytes through a pipe again are a no-op.
    @Test func aFIFOIsReadAsAStream() throws {
        let warehouse = try temporaryWarehouse()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("dump.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader that gives up early must fail the test, not kill the test process.
        signal(SIGPIPE, SIG_IGN)
        let text = "track_name,artists,popularity\nAlpha,Ann,10\nBeta,Bob,0x10\n"

        func ingestThroughFIFO() throws -> IngestReport {
            // The writer opens the FIFO in its own thread (opening blocks until the reader opens it too).
            let writer = Thread {
                guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
                try? handle.write(contentsOf: Data(text.utf8))
                try? handle.close()
            }
            writer.start()
            defer { while !writer.isFinished { usleep(1000) } }
            return try Ingester(warehouse: warehouse).ingest(path: fifo)
        }

        let report = try ingestThroughFIFO()
        #expect(report.outcome == .loaded)
        #expect(report.rowsAccepted == 1)
        #expect(report.rowsRejected == 1)
        #expect(report.sha256 == SHA256.hex(text))
        let entry = try #require(try warehouse.read { try IngestLog.entry($0, id: report.ingestID) })
        #expect(entry.fileSHA256 == report.sha256)
        #expect(try warehouse.count("SELECT file_bytes FROM ingests") == text.utf8.count)
        let again = try ingestThroughFIFO()
        #expect(again.outcome == .alreadyLoaded)
        #expect(again.ingestID == report.ingestID)
    }
}
