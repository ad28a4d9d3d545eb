import Core
import Foundation
import GRDB
@_spi(WarehouseSQL) import Store

/// Loads CSV dumps into the warehouse: one file, one transaction. The ingest's log row is
/// committed first as 'running', so a killed load leaves a trace while its data rolls back.
public struct Ingester: Sendable {
    public let warehouse: Warehouse

    /// Called now and then with rows read, bytes read and the file's size, 0 for a stream (for a progress bar).
    public typealias Progress = @Sendable (_ rows: Int, _ bytes: Int, _ totalBytes: Int) -> Void

    public init(warehouse: Warehouse) {
        self.warehouse = warehouse
    }

    @discardableResult
    public func ingest(path: String, options: IngestOptions = IngestOptions(), progress: Progress? = nil) throws -> IngestReport {
        if let format = HistoryFormat.detect(path: path) { return try ingestHistory(path: path, format: format, options: options) }
        if HistoryArchive.isHistoryName(path) { return try ingestHistory(path: path, format: .spotify, options: options) }
        if options.expectsHistory { throw IngestError.notAHistoryOfAnyFormat(file: path, formats: HistoryFormat.described) }
        if Self.isJSONObject(path: path) { return try ingestPlaylistSlice(path: path, options: options) }
        let started = Date()
        let trace = PhaseTrace()
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        // A stream (a FIFO, /dev/stdin on a pipe) can be opened once only, and has no size until read.
        let reader = try CSVReader(path: path, limits: options.limits)
        let size = reader.fileSize

        // Only a file the size of one loaded before can be that file again: fingerprint such a file first, so
        // loading it again stays a quick no-op. Any other file is fingerprinted by the reader as it is read.
        var knownSHA256: String?
        if !options.force, let size, try warehouse.read({ try IngestLog.hasSucceededIngest($0, bytes: size) }) {
            let sha256 = try Self.fingerprint(path: path).sha256
            if let previous = try warehouse.read({ try IngestLog.succeededIngest($0, sha256: sha256) }) {
                return Self.alreadyLoaded(path: path, previous: previous)
            }
            knownSHA256 = sha256
        }
        trace.mark("fingerprint")

        // Read and check the header before touching the warehouse.
        if knownSHA256 == nil { reader.hashWhileReading() }
        guard let headerRecord = try reader.next() else { throw IngestError.emptyFile(file: path) }
        // A header over the row limit comes without its fields (other problems leave names to map, as before).
        if headerRecord.fields.isEmpty, let problem = headerRecord.problem { throw IngestError.unreadableHeader(file: path, reason: problem) }
        if options.columnOverrides.isEmpty, DumpLayout(header: headerRecord.fields).isArtistList {
            return try ingestArtistList(reader: reader, header: headerRecord.fields, path: path, options: options,
                                        knownSHA256: knownSHA256, started: started)
        }
        let mapping = try HeaderMapping(header: headerRecord.fields, overrides: options.columnOverrides, file: path)
        let parser = RowParser(mapping: mapping, extraGenre: options.extraGenre,
                               filePlaylist: Self.filePlaylist(mapping: mapping, options: options, fileName: fileName))

        // A fingerprint taken while reading (and a stream's size) is filled in when the file has been read.
        let (lock, ingestID) = try beginLoggedRun(fileName: fileName, sha256: knownSHA256 ?? "", bytes: size ?? 0, started: started)
        defer { withExtendedLifetime(lock) {} }

        var report = IngestReport(file: path, outcome: .loaded, ingestID: ingestID, sha256: knownSHA256 ?? "",
                                  ignoredColumns: mapping.ignoredColumns)
        var rejects = RowRejects(ingestID: ingestID, options: options)
        var loadedBefore: IngestLogEntry?
        var finishedWriter: TrackWriter?
        defer { withExtendedLifetime(finishedWriter) {} }
        do {
            try writeLocked {
                try $0.writeWithoutTransaction { db in
                    // A big page cache keeps the load in memory until commit instead of spilling to the WAL.
                    // Foreign keys are not checked row by row: the writer keeps them by construction (see below).
                    // synchronous NORMAL, WAL's usual setting, skips the commit's own fsync of the WAL: the
                    // checkpoint that follows a large commit syncs it anyway, and no setting risks corruption.
                    let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 2
                    try db.execute(sql: "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF; PRAGMA synchronous = NORMAL")
                    defer { try? db.execute(sql: "PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON; PRAGMA synchronous = \(synchronous)") }
                    try db.inTransaction(.immediate) {
                        // Rows are read and validated on another thread while this one writes the previous ones; the
                        // reader starts first, so it fills its queue while the writer loads its lookups.
                        let rows = RowPipeline(reader: reader, parser: parser, batchSize: options.batchSize)
                        defer { rows.stop() }
                        let writer = try TrackWriter(db: db, ingestID: ingestID, expectedRows: (size ?? 0) / 150,
                                                     vocabulary: mapping.layout.vocabulary,
                                                     genreVocabulary: mapping.genreVocabulary ?? "track_genre",
                                                     knownBatchSize: options.knownTrackBatchSize)
                        // Freed after the commit: releasing its caches of a large file takes a while.
                        finishedWriter = writer
                        let playlistWriter = parser.hasPlaylists ? try PlaylistWriter(db: db, ingestID: ingestID) : nil
                        while let batch = try rows.next() {
                            for row in batch.rows {
                                report.rowsRead += 1
                                switch row {
                                case let .rejected(lineNumber, rawLine, reason):
                                    try rejects.add(db, lineNumber: lineNumber, rawLine: rawLine, reason: reason, to: &report)
                                case .duplicate:
                                    report.rowsAccepted += 1
                                    report.rowsDuplicate += 1
                                case let .track(track, membership):
                                    report.rowsAccepted += 1
                                    if !options.strict || report.rowsRejected == 0 {
                                        try writer.add(track)
                                        if let membership { try playlistWriter?.add(trackID: track.trackID, to: membership) }
                                    }
                                }
                            }
                            progress?(report.rowsRead, batch.bytesRead, size ?? 0)
                        }
                        trace.mark("read+parse+write")
                        trace.note(String(format: "writer waited %.3f s for rows, reader %.3f s for room", rows.callerWaited, rows.readerWaited))
                        if options.strict && report.rowsRejected > 0 { return .rollback }
                        report.sha256 = knownSHA256 ?? rows.sha256 ?? ""
                        let bytes = size ?? rows.bytesRead
                        // Another run may have loaded the same bytes since the check above (it held the lock first).
                        if !options.force, knownSHA256 == nil, let previous = try IngestLog.succeededIngest(WarehouseReader(db), sha256: report.sha256) {
                            loadedBefore = previous
                            return .rollback
                        }
                        try writer.finish()
                        trace.mark(writer.isBulkLoad ? "build indexes" : "finish")
                        // Plays of an earlier listening history that waited for these tracks.
                        report.listensLinked = try WaitingListens.linkWaitingListens(db, ingestID: ingestID)
                        #if DEBUG
                        // Every write above keeps the links by construction (ids come from rows read or written in
                        // this transaction); debug builds, which run the tests, check that after every ingest.
                        try Self.checkLinks(db, file: path)
                        trace.mark("link check")
                        #endif
                        report.tracksNew = writer.tracksNew
                        report.tracksUpdated = writer.tracksUpdated
                        report.popularityConflicts = writer.popularityConflicts
                        report.playlists = playlistWriter?.playlistCount ?? 0
                        report.playlistTracks = playlistWriter?.memberships ?? 0
                        report.seconds = Date().timeIntervalSince(started)
                        try report.recordSuccess(db, fileBytes: bytes)
                        return .commit
                    }
                }
            }
        } catch {
            // The data transaction rolled back; record why the file did not load.
            throw recordedFailure(error, ingestID: ingestID, rowsRead: report.rowsRead)
        }

        trace.mark("commit")
        if let loadedBefore {
            // Like the check before loading: an already loaded file leaves no trace.
            try warehouse.write { try IngestLog.forget($0, ingestID: ingestID) }
            return Self.alreadyLoaded(path: path, previous: loadedBefore)
        }
        try refuseIfStrict(report, rejects, path: path)
        return report
    }

    /// Tables an ingest writes; each row's links (to tracks, artists, albums, genres, ingests) must hold.
    static let writtenTables = ["tracks", "track_artists", "track_genres", "audio_features", "popularity_observations", "rejects",
                                "playlists", "playlist_tracks", "listens", "artist_genres"]

    /// The playlist a file without playlist ids is: `--playlist NAME`, else an exported playlist's (a file with an
    /// `Added At` column) file name without its extension.
    static func filePlaylist(mapping: HeaderMapping, options: IngestOptions, fileName: String) -> String? {
        if let name = options.playlistName { return name }
        guard mapping.column(.addedAt) != nil, mapping.column(.playlistID) == nil, mapping.column(.playlistName) == nil else { return nil }
        let stem = (fileName as NSString).deletingPathExtension
        return stem.isEmpty ? fileName : stem
    }

    /// Throws `inconsistentLoad` if a row of a table an ingest writes points at a row that does not exist.
    static func checkLinks(_ db: Database, file: String) throws {
        for table in writtenTables {
            if let violation = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check(\(table))") {
                throw IngestError.inconsistentLoad(file: file, detail: "\(violation)")
            }
        }
    }

    /// Runs a write, turning "database is locked" into a message that says who holds it.
    func writeLocked<T>(_ body: (DatabasePool) throws -> T) throws -> T {
        do {
            return try body(warehouse.pool)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw IngestError.warehouseBusy(path: warehouse.path, seconds: Int(Warehouse.busyTimeout))
        }
    }

    static func alreadyLoaded(path: String, previous: IngestLogEntry) -> IngestReport {
        IngestReport(file: path, outcome: .alreadyLoaded, ingestID: previous.ingestID, sha256: previous.fileSHA256,
                     rowsRead: previous.rowsRead, rowsAccepted: previous.rowsAccepted, rowsRejected: previous.rowsRejected,
                     rowsDuplicate: previous.rowsDuplicate)
    }

    /// SHA-256 and size of a file, read in chunks.
    public static func fingerprint(path: String) throws -> (sha256: String, bytes: Int) {
        let handle = try CSVReader.openForReading(path: path)
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            bytes += chunk.count
            hasher.update(chunk)
        }
        return (hasher.finalizeHex(), bytes)
    }
}

/// `JUKEBOX_INGEST_TRACE=1` prints how long each phase of an ingest took, on stderr (for profiling).
final class PhaseTrace {
    private let enabled = ProcessInfo.processInfo.environment["JUKEBOX_INGEST_TRACE"] != nil
    private var last = Date()

    func mark(_ phase: String) {
        guard enabled else { return }
        let now = Date()
        FileHandle.standardError.write(Data(String(format: "ingest phase %-16@ %7.3f s\n", phase, now.timeIntervalSince(last)).utf8))
        last = now
    }

    func note(_ text: String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("ingest note  \(text)\n".utf8))
    }
}

extension Ingester {
    /// Records a load's error against its run (its data transaction rolled back) and hands the error on.
    func recordedFailure(_ error: Error, ingestID: Int64, rowsRead: Int) -> Error {
        try? warehouse.write { try IngestLog.recordFailure($0, ingestID: ingestID, rowsRead: rowsRead, message: error.localizedDescription) }
        return error
    }

    /// --strict leaves the warehouse exactly as it was when a row was rejected: the run's log row goes too, and
    /// the first errors are the answer.
    func refuseIfStrict(_ report: IngestReport, _ rejects: RowRejects, path: String) throws {
        guard rejects.strict && report.rowsRejected > 0 else { return }
        try warehouse.write { try IngestLog.forget($0, ingestID: report.ingestID) }
        throw IngestError.strictRefused(file: path, rejected: report.rowsRejected, firstErrors: rejects.strictErrors)
    }
}

extension Ingester {
    /// Takes the ingest lock and commits the run's `ingests` row as 'running' (after marking dead runs failed). The
    /// caller holds the returned lock until the outcome is recorded: while it is held, 'running' is true (see RunLock).
    func beginLoggedRun(fileName: String, sha256: String, bytes: Int, started: Date) throws -> (lock: RunLock, ingestID: Int64) {
        let lock: RunLock
        do {
            lock = try RunLock(.ingest, warehousePath: warehouse.path, wait: Warehouse.busyTimeout)
        } catch let error as StoreError where error.isBusy {
            throw IngestError.warehouseBusy(path: warehouse.path, seconds: Int(Warehouse.busyTimeout))
        }
        let ingestID = try writeLocked {
            try $0.writeWithoutTransaction { db -> Int64 in
                try InterruptedRuns.recover(.ingest, in: db, warehouse: warehouse)
                // Training runs too, in a transaction of their own: the probe of the training lock and the update
                // are atomic against a trainer recording itself.
                try InterruptedRuns.recover(.training, in: db, warehouse: warehouse)
                try db.execute(
                    sql: "INSERT INTO ingests (file_name, file_sha256, file_bytes, status, started_at, process_id) VALUES (?, ?, ?, 'running', ?, ?)",
                    arguments: [fileName, sha256, bytes, Timestamp.format(started), getpid()])
                return db.lastInsertedRowID
            }
        }
        return (lock, ingestID)
    }
}
