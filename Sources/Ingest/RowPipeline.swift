import Core
import Foundation

/// Reads, parses and validates a dump's rows on a thread of its own while the caller writes the
/// previous rows to SQLite: the two halves of an ingest cost about the same, and the machine has
/// two cores. Rows travel in batches through a queue of at most `depth` batches, so memory stays
/// bounded however far the reader could run ahead.
///
/// A read error ends the rows: `next()` throws it. The caller must call `stop()` when it is done
/// or fails (it cancels the reader and waits for its thread), so no thread outlives the ingest.
final class RowPipeline: @unchecked Sendable {
    enum Row {
        /// An accepted track, with its place in a playlist when the file carries playlists.
        case track(TrackRecord, PlaylistMembership?)
        /// An exact repeat of an earlier accepted row of the file.
        case duplicate
        case rejected(lineNumber: Int, rawLine: String, reason: String)
    }

    struct Batch {
        var rows: [Row]
        /// Bytes of the file read when the batch was cut (for the progress bar).
        var bytesRead: Int
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [Batch] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private var threadDone = false
    private var fileSHA256: String?
    private var fileBytes = 0

    private let depth: Int
    /// Seconds the caller waited for rows and the reader waited for room (for `JUKEBOX_INGEST_TRACE`): they
    /// tell which half of the pipeline holds the other up.
    private(set) var callerWaited = 0.0
    private(set) var readerWaited = 0.0

    /// Starts reading at once, on a new thread. `reader` must be used by nobody else from now on.
    init(reader: CSVReader, parser: RowParser, batchSize: Int, depth: Int = 4) {
        self.depth = max(1, depth)
        let box = ReaderBox(reader: reader)
        let batchSize = max(1, batchSize)
        let thread = Thread { [self] in
            self.produce(box.reader, parser: parser, batchSize: batchSize)
        }
        thread.name = "jukebox-ingest-reader"
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// The next batch, nil after the last; rethrows the reader's error.
    func next() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        if queue.isEmpty && !finished {
            let started = DispatchTime.now().uptimeNanoseconds
            while queue.isEmpty && !finished { condition.wait() }
            callerWaited += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        }
        if !queue.isEmpty {
            // At most `depth` batches wait, so taking the first is cheap; a consumed batch is freed at once.
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// The reader's SHA-256 of the whole file (see `CSVReader.hashWhileReading()`), once `next()` has returned nil.
    var sha256: String? {
        condition.lock()
        defer { condition.unlock() }
        return fileSHA256
    }

    /// Bytes the reader read in all, once `next()` has returned nil (a stream's size).
    var bytesRead: Int {
        condition.lock()
        defer { condition.unlock() }
        return fileBytes
    }

    /// Batches held by the queue right now (never more than `depth`: memory stays bounded).
    var heldBatches: Int {
        condition.lock()
        defer { condition.unlock() }
        return queue.count
    }

    /// Cancels the reader (if still running) and waits for its thread to end.
    func stop() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !threadDone { condition.wait() }
        queue = []
        condition.unlock()
    }

    private func produce(_ reader: CSVReader, parser: RowParser, batchSize: Int) {
        var seen = Set<Int>()
        var rows: [Row] = []
        rows.reserveCapacity(batchSize)
        var failure: (any Error)?
        do {
            while let record = try reader.next() {
                if let problem = record.problem {
                    rows.append(.rejected(lineNumber: record.lineNumber, rawLine: record.rawText, reason: problem))
                } else {
                    switch parser.parse(record.fields) {
                    case let .rejected(reason):
                        rows.append(.rejected(lineNumber: record.lineNumber, rawLine: record.rawText, reason: reason))
                    case let .track(track):
                        // An exact repeat of an earlier row adds nothing: the writer counts it, stores it once. A row
                        // placing the same track in another playlist is no repeat.
                        let membership = parser.membership(record.fields)
                        let key = membership.map { var h = Hasher(); h.combine(track); h.combine($0); return h.finalize() } ?? track.hashValue
                        rows.append(seen.insert(key).inserted ? .track(track, membership) : .duplicate)
                    }
                }
                if rows.count >= batchSize {
                    guard push(Batch(rows: rows, bytesRead: reader.bytesRead)) else { return finish(nil) }
                    rows = []
                    rows.reserveCapacity(batchSize)
                }
            }
            if !rows.isEmpty {
                guard push(Batch(rows: rows, bytesRead: reader.bytesRead)) else { return finish(nil) }
            }
        } catch {
            failure = error
        }
        finish(failure, sha256: reader.sha256, bytesRead: reader.bytesRead)
    }

    /// Queues a batch, waiting while the queue is full; false when the pipeline was cancelled.
    private func push(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if queue.count >= depth && !cancelled {
            let started = DispatchTime.now().uptimeNanoseconds
            while queue.count >= depth && !cancelled { condition.wait() }
            readerWaited += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        }
        if cancelled { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    private func finish(_ error: (any Error)?, sha256: String? = nil, bytesRead: Int = 0) {
        condition.lock()
        finished = true
        failure = error
        fileSHA256 = sha256
        fileBytes = bytesRead
        threadDone = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Hands the (non-Sendable) reader to the reader thread, which is then its only user.
private struct ReaderBox: @unchecked Sendable {
    let reader: CSVReader
}
