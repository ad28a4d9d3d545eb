import Core
import Foundation

/// A listening history file for `recommend --history`: a CSV (read by the ingest's RFC 4180 reader) when its header
/// names a track_id column, or artist and title columns, with an optional plays/weight/count column; else a text
/// list, one track per line (a repeated line counts more).
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
}
