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
                return try ingestHistory(data: data, file: file, fileName: (member.name as NSString).lastPathComponent, options: options,
                                         format: HistoryArchive.isListenBrainzName(member.name) ? .listenbrainz : .spotify)
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

    /// A listening history file in any format `HistoryFormat` knows.
    func ingestHistory(path: String, format: HistoryFormat, options: IngestOptions) throws -> IngestReport {
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        switch format {
        case .spotify, .listenbrainz, .maloja:
            let data = try JSONInput.read(path: path, limits: options.limits)
            return try ingestHistory(data: data, file: path, fileName: fileName, options: options, format: format)
        case .lastfm, .lastfmHeaderless, .appleMusic:
            let (sha256, bytes) = try Self.fingerprint(path: path)
            if !options.force, let previous = try warehouse.read({ try IngestLog.succeededIngest($0, sha256: sha256) }) {
                return Self.alreadyLoaded(path: path, previous: previous)
            }
            let reader = try CSVReader(path: path, limits: options.limits)
            var header: [String]?
            if format != .lastfmHeaderless { header = try reader.next()?.fields }
            let lastfm = LastfmScrobbles(header: format == .lastfm ? header : nil)
            let apple = format == .appleMusic ? AppleMusicPlayActivity(header: header ?? []) : nil
            return try ingestHistory(file: path, fileName: fileName, sha256: sha256, bytes: bytes, options: options) {
                guard let row = try reader.next() else { return nil }
                let record: HistoryRecord
                if let problem = row.problem {
                    record = .rejected(reason: problem)
                } else if let apple {
                    record = apple.record(row.fields, listener: options.listener) ?? .notAPlay
                } else {
                    record = lastfm.record(row.fields, listener: options.listener)
                }
                // Apple's rows hold an IP address and a device id: a reject keeps only the columns read.
                return HistoryItem(line: row.lineNumber, record: record, rawLine: { apple?.rawLine(row.fields) ?? row.rawText })
            }
        }
    }

    /// A history already in memory (a JSON file, or an entry of a .zip).
    func ingestHistory(data: Data, file path: String, fileName: String, options: IngestOptions,
                       format: HistoryFormat = .spotify) throws -> IngestReport {
        let sha256 = SHA256.hex(data)
        if !options.force, let previous = try warehouse.read({ try IngestLog.succeededIngest($0, sha256: sha256) }) {
            return Self.alreadyLoaded(path: path, previous: previous)
        }
        let items: [HistoryItem] = switch format {
        case .listenbrainz: ListenBrainzListens.items(data, listener: options.listener, limits: options.limits)
        case .maloja: try MalojaExport.items(data, path: path, listener: options.listener, limits: options.limits)
        default: try HistoryEntry.items(data, path: path, listener: options.listener, limits: options.limits)
        }
        var iterator = items.makeIterator()
        return try ingestHistory(file: path, fileName: fileName, sha256: sha256, bytes: data.count, options: options) { iterator.next() }
    }

    /// A listening history: one file, one transaction, like a dump. Every entry is accounted for (`EntryOutcomes`):
    /// stored (matched to a track or not), a duplicate of a play already stored (an overlapping export, the other
    /// Spotify export, another source), a podcast (kept in `podcast_plays`) or audiobook, skipped by rule (a
    /// zero-length play, an Apple Music event that is no play), an incognito play dropped (`--drop-incognito`), or
    /// rejected with its line and reason. It writes plays only, never the catalogue.
    func ingestHistory(file path: String, fileName: String, sha256: String, bytes: Int, options: IngestOptions,
                       next: () throws -> HistoryItem?) throws -> IngestReport {
        let started = Date()
        let (lock, ingestID) = try beginLoggedRun(fileName: fileName, sha256: sha256, bytes: bytes, started: started)
        defer { withExtendedLifetime(lock) {} }
        var report = IngestReport(file: path, outcome: .loaded, ingestID: ingestID, sha256: sha256)
        report.kind = .history
        var outcomes = EntryOutcomes()
        var rejects = RowRejects(ingestID: ingestID, options: options)
        do {
            try writeLocked {
                try $0.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        let writer = try ListenWriter(db: db, ingestID: ingestID)
                        let writing = { !options.strict || report.rowsRejected == 0 }
                        while let item = try next() {
                            report.rowsRead += 1
                            switch item.record {
                            case .audiobook:
                                outcomes.audiobook += 1
                            case .notAPlay:
                                outcomes.skippedByRule += 1
                            case let .podcast(podcast):
                                if writing(), try !writer.add(podcast) {
                                    outcomes.duplicateOf[podcast.source.rawValue, default: 0] += 1
                                } else {
                                    outcomes.podcast += 1
                                }
                            case let .rejected(reason):
                                outcomes.rejected += 1
                                try rejects.add(db, lineNumber: item.line, rawLine: item.rawLine(), reason: reason, to: &report)
                            case let .listen(listen):
                                if listen.msPlayedSource == .played && listen.msPlayed == 0 {
                                    outcomes.skippedByRule += 1
                                } else if listen.incognitoMode == true && options.dropIncognito {
                                    outcomes.incognitoDropped += 1
                                } else if writing() {
                                    switch try writer.add(listen) {
                                    case let .duplicate(of: source):
                                        outcomes.duplicateOf[source, default: 0] += 1
                                    case let .stored(matched, replaced):
                                        if matched { outcomes.storedMatched += 1 } else { outcomes.storedUnmatched += 1 }
                                        if listen.incognitoMode == true { outcomes.incognitoKept += 1 }
                                        if let replaced { outcomes.replacedPoorerCopyOf[replaced, default: 0] += 1 }
                                    }
                                }
                            }
                        }
                        if options.strict && report.rowsRejected > 0 { return .rollback }
                        #if DEBUG
                        try Self.checkLinks(db, file: path)
                        #endif
                        report.listens = writer.stored
                        report.listensMatched = writer.matched
                        report.rowsDuplicate = outcomes.duplicates
                        report.rowsAccepted = outcomes.stored + outcomes.duplicates
                        report.rowsSkipped = outcomes.podcast + outcomes.audiobook + outcomes.skippedByRule + outcomes.incognitoDropped
                        report.entries = outcomes
                        report.seconds = Date().timeIntervalSince(started)
                        try report.recordSuccess(db)
                        try outcomes.record(db, ingestID: ingestID)
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
