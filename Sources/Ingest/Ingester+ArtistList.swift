import Core
import Foundation
import GRDB
@_spi(WarehouseSQL) import Store

extension Ingester {
    /// An artist list (`DumpLayout.kaggle600kArtists`): one file, one transaction, rows read in order. `reader` has
    /// read the header; the run's fingerprint is `knownSHA256` or taken by the reader as it reads.
    func ingestArtistList(reader: CSVReader, header: [String], path: String, options: IngestOptions, knownSHA256: String?,
                          started: Date) throws -> IngestReport {
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let layout = DumpLayout(header: header)
        let columns = ArtistListColumns(header: header)
        let (lock, ingestID) = try beginLoggedRun(fileName: fileName, sha256: knownSHA256 ?? "", bytes: reader.fileSize ?? 0, started: started)
        defer { withExtendedLifetime(lock) {} }
        var report = IngestReport(file: path, outcome: .loaded, ingestID: ingestID, sha256: knownSHA256 ?? "",
                                  ignoredColumns: columns.ignored(header))
        report.kind = .artists
        var rejects = RowRejects(ingestID: ingestID, options: options)
        var loadedBefore: IngestLogEntry?
        do {
            try writeLocked {
                try $0.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        let writer = try ArtistListWriter(db: db, ingestID: ingestID, vocabulary: layout.vocabulary)
                        func reject(_ record: CSVRecord, _ reason: String) throws {
                            try rejects.add(db, lineNumber: record.lineNumber, rawLine: record.rawText, reason: reason, to: &report)
                        }
                        while let record = try reader.next() {
                            report.rowsRead += 1
                            if let problem = record.problem { try reject(record, problem); continue }
                            switch ArtistListRow.parse(record.fields, columns: columns) {
                            case let .rejected(reason):
                                try reject(record, reason)
                            case let .artist(row):
                                if options.strict && report.rowsRejected > 0 { report.rowsAccepted += 1; continue }
                                if let reason = try writer.add(row) { try reject(record, reason) } else { report.rowsAccepted += 1 }
                            }
                        }
                        if options.strict && report.rowsRejected > 0 { return .rollback }
                        report.sha256 = knownSHA256 ?? reader.sha256 ?? ""
                        if !options.force, knownSHA256 == nil, let previous = try IngestLog.succeededIngest(WarehouseReader(db), sha256: report.sha256) {
                            loadedBefore = previous
                            return .rollback
                        }
                        #if DEBUG
                        try Self.checkLinks(db, file: path)
                        #endif
                        report.artistsNew = writer.artistsNew
                        report.artistsLinked = writer.artistsLinked
                        report.artistGenres = writer.genresTagged
                        report.seconds = Date().timeIntervalSince(started)
                        try report.recordSuccess(db, fileBytes: reader.fileSize ?? reader.bytesRead)
                        return .commit
                    }
                }
            }
        } catch {
            throw recordedFailure(error, ingestID: ingestID, rowsRead: report.rowsRead)
        }
        if let loadedBefore {
            try warehouse.write { try IngestLog.forget($0, ingestID: ingestID) }
            return Self.alreadyLoaded(path: path, previous: loadedBefore)
        }
        try refuseIfStrict(report, rejects, path: path)
        return report
    }
}
