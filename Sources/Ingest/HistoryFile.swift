import Core
import Foundation

/// A listening history file for `recommend --history`: a Spotify export (`StreamingHistory*.json`,
/// `Streaming_History_Audio_*.json`, or the downloaded `.zip`, read by the ingest's readers); a CSV (read by the
/// ingest's RFC 4180 reader) when its header names a track_id column, or artist and title columns, with an optional
/// plays/weight/count column; else a text list, one track per line (a repeated line counts more).
public enum HistoryFile {
    public enum ReadError: Error, Equatable, LocalizedError {
        case unreadable(path: String, reason: String)

        public var errorDescription: String? {
            switch self {
            case let .unreadable(path, reason): return "cannot read the history file \(path): \(reason)"
            }
        }
    }

    public static func entries(_ path: String) throws -> [HistoryLine] {
        let limits = InputLimits.standard
        if HistoryArchive.isZip(path: path) {
            // As the ingest reads it: the entries named as histories, each bounded; one that cannot be read is an error.
            let archive = try HistoryArchive(path: path, limits: limits)
            let files = archive.members.filter { $0.notAHistory == nil }.map { member in
                (name: path + "/" + member.name, read: { try archive.contents(of: member) })
            }
            return try exportEntries(files, limits: limits)
        }
        if Ingester.isHistoryFile(path: path) {
            return try exportEntries([(name: path, read: { try JSONInput.read(path: path, limits: limits) })], limits: limits)
        }
        do {
            let reader = try CSVReader(path: path)
            guard let header = try reader.next() else { return [] }
            let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let idColumn = names.firstIndex(of: "track_id")
            let artistColumn = names.firstIndex(where: { ["artist", "artists", "artist_name"].contains($0) })
            let titleColumn = names.firstIndex(where: { ["title", "name", "song", "track_name"].contains($0) })
            let weightColumn = names.firstIndex(where: { ["plays", "weight", "count"].contains($0) })
            if idColumn != nil || (artistColumn != nil && titleColumn != nil) {
                var entries: [HistoryLine] = []
                while let record = try reader.next() {
                    if let problem = record.problem {
                        entries.append(HistoryLine(query: nil, label: "line \(record.lineNumber): \(problem)"))
                        continue
                    }
                    let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
                    func field(_ column: Int?) -> String? { column.flatMap { $0 < fields.count && !fields[$0].isEmpty ? fields[$0] : nil } }
                    let query = field(idColumn) ?? field(artistColumn).flatMap { artist in field(titleColumn).map { artist + " - " + $0 } }
                    entries.append(HistoryLine(query: query, weight: field(weightColumn).flatMap(RowParser.decimalNumber) ?? 1,
                                                label: query ?? "line \(record.lineNumber)"))
                }
                return entries
            }
        } catch let error as CSVReader.ReadError {
            throw ReadError.unreadable(path: path, reason: error.localizedDescription)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ReadError.unreadable(path: path, reason: "not UTF-8 text")
        }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { HistoryLine(query: $0, label: $0) }
    }

    /// A Spotify export's plays as weighted lines, one per song: each play weighed by `PlayWeight` (minutes
    /// listened, a skip a minute against, a 90-day half-life back from the export's latest play). A song skipped
    /// more than played keeps its weight (zero or less): it seeds nothing, but as a loaded listener's plays it never
    /// comes back; podcast and audiobook plays are left out; an entry the
    /// ingest would reject comes back as an unmatched line naming its problem.
    /// Each file is read when its turn comes (one in memory at a time).
    static func exportEntries(_ files: [(name: String, read: () throws -> Data)], limits: InputLimits) throws -> [HistoryLine] {
        var plays: [Listen] = []
        var rejected: [HistoryLine] = []
        for (path, read) in files {
            let data = try read()
            let entries = try HistoryEntry.decodeExport(data, path: path, limits: limits)
            let lines = JSONArrayLines.startLines(data)
            for (index, entry) in entries.enumerated() {
                switch entry.listen(listener: "") {
                case .podcast, .audiobook, .notAPlay: continue
                case let .rejected(reason):
                    let line = index < lines.count ? lines[index] : index + 1
                    rejected.append(HistoryLine(query: nil, label: "\((path as NSString).lastPathComponent) line \(line): \(reason)"))
                case let .listen(listen): plays.append(listen)
                }
            }
        }
        guard let newest = plays.map(\.playedAt).max() else { return rejected }
        let latest = PlayWeight.instant(newest)
        var songs: [String: HistoryLine] = [:]
        var order: [String] = []
        for play in plays {
            let named = play.trackName.isEmpty ? nil : (play.artistName.map { $0 + " - " + play.trackName } ?? play.trackName)
            let weight = PlayWeight.weight(msPlayed: play.msPlayed, skipped: play.skipped, reasonEnd: play.reasonEnd,
                                           playedAt: play.playedAt, latest: latest)
            let key = play.songKey
            if songs[key] == nil {
                order.append(key)
                songs[key] = HistoryLine(query: play.spotifyTrackID ?? named, fallback: play.spotifyTrackID == nil ? nil : named, weight: 0,
                                         label: named ?? play.spotifyTrackID ?? key)
            }
            songs[key]!.weight += weight
        }
        return order.compactMap { songs[$0] } + rejected
    }
}
