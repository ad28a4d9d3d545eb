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
        if !options.force, let previous = try warehouse.pool.read({ try IngestLog.succeededIngest($0, sha256: sha256) }) {
            return Self.alreadyLoaded(path: path, previous: previous)
        }
        let slice = try JSONInput.decode(PlaylistSlice.self, from: data, limits: options.limits) {
            IngestError.notAPlaylistSlice(file: path, reason: $0)
        }
        let lines = PlaylistSlice.trackStartLines(data)
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
                        var index = 0
                        for playlist in slice.playlists {
                            let membership = PlaylistMembership(key: "mpd:\(playlist.pid)", name: playlist.name)
                            // A name over the field limit (or holding a NUL) makes each of the playlist's entries a reject.
                            let badName = options.limits.textProblem("playlist name", playlist.name)
                            if badName == nil && (!options.strict || report.rowsRejected == 0) { try playlists.begin(membership) }
                            for track in playlist.tracks {
                                // Line numbers only when the scan found every entry (else 0: unknown).
                                let line = lines.count == entries ? lines[index] : 0
                                index += 1
                                report.rowsRead += 1
                                switch badName.map({ .rejected(reason: $0) }) ?? track.record(limits: options.limits) {
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
                        report.listensLinked = try ListenMatcher.linkWaitingListens(db, ingestID: ingestID)
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
