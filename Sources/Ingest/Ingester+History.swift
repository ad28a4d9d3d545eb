import Core
import Foundation
import GRDB
import Store

extension Ingester {
    /// Loads every file `path` stands for: a CSV dump, a listening history or a playlist slice as `ingest(path:)`
    /// does, and a `.zip` (Spotify's download) entry by entry, in name order. An entry named as a listening history
    /// is read as one and as nothing else (one holding CSV or a JSON object is refused, never loaded as a dump or
    /// slice); an entry that cannot be read is refused on its own and the others load; every other entry is
    /// skipped. Each entry has its report: loaded, already loaded, skipped or refused with the reason.
    public func ingestAll(path: String, options: IngestOptions = IngestOptions(), progress: Progress? = nil) throws -> [IngestReport] {
        guard HistoryArchive.isZip(path: path) else { return [try ingest(path: path, options: options, progress: progress)] }
        let archive = try HistoryArchive(path: path, limits: options.limits)
        return try archive.members.map { member in
            let file = path + "/" + member.name
            if let reason = member.notAHistory { return IngestReport(file: file, notLoaded: .skipped, reason: reason) }
            do {
                let data = try archive.contents(of: member)
                return try ingestHistory(data: data, file: file, fileName: (member.name as NSString).lastPathComponent, options: options)
            } catch let error as IngestError where error.concernsTheFile {
                return IngestReport(file: file, notLoaded: .refused, reason: error.localizedDescription)
            }
        }
    }

    /// A listening history by its content (a JSON array) or by its name (`StreamingHistory*.json`, ...): a file
    /// named as a history is read as one whatever it holds, so it can never load as a dump or a playlist slice.
    static func isHistoryFile(path: String) -> Bool {
        isJSONExport(path: path) || HistoryArchive.isHistoryName(path)
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

    func ingestHistory(path: String, options: IngestOptions) throws -> IngestReport {
        let data = try JSONInput.read(path: path, limits: options.limits)
        return try ingestHistory(data: data, file: path, fileName: URL(fileURLWithPath: path).lastPathComponent, options: options)
    }

    /// A listening history: one file, one transaction, like a dump. Plays already stored (an overlapping export)
    /// are counted and not stored again; podcast and audiobook plays are counted and skipped.
    /// It writes plays only (`listens`), never the catalogue.
    func ingestHistory(data: Data, file path: String, fileName: String, options: IngestOptions) throws -> IngestReport {
        let started = Date()
        let sha256 = SHA256.hex(data)
        if !options.force, let previous = try warehouse.pool.read({ try IngestLog.succeededIngest($0, sha256: sha256) }) {
            return Self.alreadyLoaded(path: path, previous: previous)
        }
        let entries = try HistoryEntry.decodeExport(data, path: path, limits: options.limits)
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

extension IngestReport {
    /// An archive entry that was not loaded: no ingest, nothing counted, and why.
    init(file: String, notLoaded outcome: Outcome, reason: String) {
        self.init(file: file, outcome: outcome, ingestID: 0, sha256: "")
        self.reason = reason
    }
}
