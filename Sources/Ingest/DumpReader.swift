import Core

/// Reads a dump exactly as `ingest` would (same header mapping and validation) without storing anything:
/// the distinct tracks, merged over their rows, and the rows that would be rejected.
public enum DumpReader {
    public struct Contents: Sendable {
        public var tracks: [TrackRecord] = []
        public var rejects: [(lineNumber: Int, reason: String)] = []
        public var rowsRead = 0
        /// The vocabulary of the tracks' `genres` (`HeaderMapping.genreVocabulary`); nil without a genre column.
        public var genreVocabulary: String?
    }

    public static func read(path: String, options: IngestOptions = IngestOptions()) throws -> Contents {
        let reader = try CSVReader(path: path)
        guard let header = try reader.next() else { throw IngestError.emptyFile(file: path) }
        let mapping = try HeaderMapping(header: header.fields, overrides: options.columnOverrides, file: path)
        let parser = RowParser(mapping: mapping, extraGenre: options.extraGenre)
        var contents = Contents()
        contents.genreVocabulary = mapping.genreVocabulary
        var position: [String: Int] = [:]
        while let record = try reader.next() {
            contents.rowsRead += 1
            let outcome: RowParser.Outcome = record.problem.map { .rejected(reason: $0) } ?? parser.parse(record.fields)
            switch outcome {
            case let .rejected(reason):
                contents.rejects.append((record.lineNumber, reason))
            case let .track(track):
                if let index = position[track.trackID] {
                    // Same rule as ingest: the first row wins, later rows add genre tags, the highest popularity is kept.
                    var kept = contents.tracks[index]
                    for genre in track.genres where !kept.genres.contains(where: { $0.lowercased() == genre.lowercased() }) { kept.genres.append(genre) }
                    if let p = track.popularity { kept.popularity = max(kept.popularity ?? p, p) }
                    contents.tracks[index] = kept
                } else {
                    position[track.trackID] = contents.tracks.count
                    contents.tracks.append(track)
                }
            }
        }
        return contents
    }
}
