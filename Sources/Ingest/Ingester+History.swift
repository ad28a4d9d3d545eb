import Core
import Foundation
import GRDB
import Store

extension Ingester {
    /// Loads every file `path` stands for: a CSV dump or a JSON listening history as `ingest(path:)` does, and a
    /// `.zip` (Spotify's download) as each listening-history file inside it, in name order.
    public func ingestAll(path: String, options: IngestOptions = IngestOptions(), progress: Progress? = nil) throws -> [IngestReport] {
        guard HistoryArchive.isZip(path: path) else { return [try ingest(path: path, options: options, progress: progress)] }
        let archive = try HistoryArchive(path: path)
        defer { archive.remove() }
        return try archive.historyFiles.map { try ingest(path: $0, options: options) }
    }

    /// Whether a regular file holds a JSON array (a Spotify listening-history export): its first byte after
    /// spaces and a byte-order mark is `[`. Streams are read as CSV.
    static func isJSONExport(path: String) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 256)) ?? Data()
        var bytes = head[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) == UInt8(ascii: "[")
    }

    /// A listening history: one file, one transaction, like a dump. Plays already stored (an overlapping export)
    /// are counted and not stored again; podcast and audiobook plays are counted and skipped.
    func ingestHistory(path: String, options: IngestOptions) throws -> IngestReport {
        let started = Date()
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let sha256 = SHA256.hex(data)
        if !options.force, let previous = try warehouse.pool.read({ try IngestLog.succeededIngest($0, sha256: sha256) }) {
            return Self.alreadyLoaded(path: path, previous: previous)
        }
        let entries = try HistoryEntry.decodeExport(data, path: path)
        let lines = JSONArrayLines.startLines(data)

        let (lock, ingestID) = try beginLoggedRun(fileName: fileName, sha256: sha256, bytes: data.count, started: started)
        defer { withExtendedLifetime(lock) {} }
        var report = IngestReport(file: path, outcome: .loaded, ingestID: ingestID, sha256: sha256)
        report.kind = .history
        var rejects = RowRejects(ingestID: ingestID, options: options)
        do {
            try writeLocked {
                try $0.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        let writer = try ListenWriter(db: db, ingestID: ingestID)
                        for (index, entry) in entries.enumerated() {
                            report.rowsRead += 1
                            let line = index < lines.count ? lines[index] : index + 1
                            switch entry.listen(listener: options.listener) {
                            case .notMusic:
                                report.rowsSkipped += 1
                            case let .rejected(reason):
                                try rejects.add(db, lineNumber: line, rawLine: entry.rawLine, reason: reason, to: &report)
                            case let .listen(listen):
                                report.rowsAccepted += 1
                                if !options.strict || report.rowsRejected == 0 { try writer.add(listen) }
                            }
                        }
                        if options.strict && report.rowsRejected > 0 { return .rollback }
                        #if DEBUG
                        try Self.checkLinks(db, file: path)
                        #endif
                        report.listens = writer.stored
                        report.listensMatched = writer.matched
                        report.rowsDuplicate = writer.alreadyStored
                        report.seconds = Date().timeIntervalSince(started)
                        try report.recordSuccess(db)
                        return .commit
                    }
                }
            }
        } catch {
            throw recordedFailure(error, ingestID: ingestID, rowsRead: report.rowsRead)
        }
        try refuseIfStrict(report, rejects, path: path)
        return report
    }
}
