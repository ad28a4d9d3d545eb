import Core
import Foundation
import GRDB
import Store

extension Ingester {
    /// Whether a regular file holds a JSON object (a Million Playlist Dataset slice): its first byte after spaces
    /// and a byte-order mark is `{`.
    static func isJSONObject(path: String) -> Bool {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        var bytes = ((try? handle.read(upToCount: 256)) ?? Data())[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) == UInt8(ascii: "{")
    }

    /// A Million Playlist Dataset slice: its tracks (metadata only; a track the warehouse holds keeps what it has,
    /// since the slice credits the lead artist only), its playlists (keyed `mpd:` + pid) and their members at the
    /// slice's positions. Loading a playlist again replaces its members. One file, one transaction.
    func ingestPlaylistSlice(path: String, options: IngestOptions) throws -> IngestReport {
        let started = Date()
        let fileName = URL(fileURLWithPath: path).lastPathComponent
        let data = try JSONInput.read(path: path, limits: options.limits)
        let sha256 = SHA256.hex(data)
        if !options.force, let previous = try warehouse.read({ try IngestLog.succeededIngest($0, sha256: sha256) }) {
            return Self.alreadyLoaded(path: path, previous: previous)
        }
        let slice = try JSONInput.decode(PlaylistSlice.self, from: data, limits: options.limits) {
            IngestError.notAPlaylistSlice(file: path, reason: $0)
        }
        let scan = PlaylistSliceLayout(data)
        let layout = scan.playlists(matching: slice.playlists.count)
        let entries = slice.playlists.reduce(0) { $0 + $1.tracks.count }

        let (lock, ingestID) = try beginLoggedRun(fileName: fileName, sha256: sha256, bytes: data.count, started: started)
        defer { withExtendedLifetime(lock) {} }
        var report = IngestReport(file: path, outcome: .loaded, ingestID: ingestID, sha256: sha256)
        var rejects = RowRejects(ingestID: ingestID, options: options)
        do {
            try writeLocked {
                try $0.writeWithoutTransaction { db in
                    // As for a CSV dump: links are kept by construction (checked in debug builds), and a first load
                    // drops the track tables' indexes, which row-by-row foreign key checks would need.
                    try db.execute(sql: "PRAGMA foreign_keys = OFF")
                    defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
                    try db.inTransaction(.immediate) {
                        let known = Set(try String.fetchAll(db, sql: "SELECT track_id FROM tracks"))
                        let writer = try TrackWriter(db: db, ingestID: ingestID, expectedRows: entries, vocabulary: "mpd")
                        let playlists = try PlaylistWriter(db: db, ingestID: ingestID)
                        // The first listing of each pid: a pid listed again is a reject (see `SliceListing`).
                        var firstListing: [Int: SliceListing.First] = [:]
                        for (index, playlist) in slice.playlists.enumerated() {
                            let listing = SliceListing(playlist, layout: layout?[index], source: scan.bytes)
                            // A pid listed again, a missing pid or name, or a name over the field limit (or holding a NUL)
                            // makes each of the playlist's entries a reject.
                            if let refusal = listing.refusal(firstListing: firstListing)
                                ?? playlist.name.flatMap({ options.limits.textProblem("playlist name", $0) }) {
                                for (line, rawLine) in listing.rejectedRows(limits: options.limits) {
                                    report.rowsRead += 1
                                    try rejects.add(db, lineNumber: line, rawLine: rawLine, reason: refusal, to: &report)
                                }
                                continue
                            }
                            let pid = playlist.pid!
                            firstListing[pid] = SliceListing.First(name: playlist.name!, line: listing.line)
                            let membership = PlaylistMembership(key: "mpd:\(pid)", name: playlist.name!)
                            if !options.strict || report.rowsRejected == 0 { try playlists.begin(membership) }
                            for (entryIndex, entry) in playlist.tracks.enumerated() {
                                report.rowsRead += 1
                                let line = listing.entryLine(entryIndex)
                                guard case let .track(track) = entry else {
                                    try rejects.add(db, lineNumber: line, rawLine: listing.entrySource(entryIndex),
                                                    reason: "the entry is not a JSON object", to: &report)
                                    continue
                                }
                                switch track.record(limits: options.limits) {
                                case let .rejected(reason):
                                    try rejects.add(db, lineNumber: line, rawLine: track.rawText(limits: options.limits), reason: reason, to: &report)
                                case let .track(record):
                                    report.rowsAccepted += 1
                                    guard !options.strict || report.rowsRejected == 0 else { continue }
                                    if !known.contains(record.trackID) { try writer.add(record) }
                                    let before = playlists.memberships
                                    try playlists.add(trackID: record.trackID, to: membership, position: track.pos.map { $0 + 1 })
                                    // A track listed twice in one playlist is a member once.
                                    if playlists.memberships == before { report.rowsDuplicate += 1 }
                                }
                            }
                        }
                        if options.strict && report.rowsRejected > 0 { return .rollback }
                        try writer.finish()
                        report.listensLinked = try WaitingListens.linkWaitingListens(db, ingestID: ingestID)
                        #if DEBUG
                        try Self.checkLinks(db, file: path)
                        #endif
                        report.tracksNew = writer.tracksNew
                        report.playlists = playlists.playlistCount
                        report.playlistTracks = playlists.memberships
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
