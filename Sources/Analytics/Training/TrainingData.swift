import GRDB
import Learning

/// Rows of a training view, read once into memory: ids, numeric columns, and the text columns a task needs.
struct ViewRows {
    var trackIDs: [String] = []
    var numeric: [String: [Double]] = [:]
    var text: [String: [String?]] = [:]
    var count: Int { trackIDs.count }

    /// Reads `SELECT track_id, <numeric...>, <text...> FROM view [WHERE filter]`; NULL numbers become NaN (missing),
    /// except in columns a whole source lacks (`SourceGaps`).
    static func read(_ db: Database, view: String, numeric numericColumns: [String], text textColumns: [String] = [],
                     orderBy: String = "track_id", filter: String? = nil, arguments: StatementArguments = []) throws -> ViewRows {
        var rows = ViewRows()
        for column in numericColumns { rows.numeric[column] = [] }
        for column in textColumns { rows.text[column] = [] }
        let columns = (["track_id"] + numericColumns + textColumns).joined(separator: ", ")
        let condition = filter.map { " WHERE \($0)" } ?? ""
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM \(view)\(condition) ORDER BY \(orderBy)", arguments: arguments)
        while let row = try cursor.next() {
            rows.trackIDs.append(row[0])
            for (offset, column) in numericColumns.enumerated() {
                let value: Double? = row[offset + 1]
                rows.numeric[column]!.append(SourceGaps.fill(column, value))
            }
            for (offset, column) in textColumns.enumerated() {
                rows.text[column]!.append(row[numericColumns.count + 1 + offset])
            }
        }
        return rows
    }

    /// A row-major matrix of the named numeric columns (plus extra columns given by value).
    func matrix(_ columns: [String], extra: [(name: String, values: [Double])] = [], rows selection: [Int]? = nil,
                categorical: Set<String> = []) throws -> FeatureMatrix {
        let indices = selection ?? Array(0..<count)
        let names = columns + extra.map(\.name)
        let sources = columns.map { numeric[$0]! } + extra.map(\.values)
        var values = [Double]()
        values.reserveCapacity(indices.count * names.count)
        for i in indices { for source in sources { values.append(source[i]) } }
        let categoricalIndices = Set(names.enumerated().filter { categorical.contains($0.element) }.map(\.offset))
        return try FeatureMatrix(rowCount: indices.count, columnCount: names.count, values: values, columnNames: names,
                                 categoricalColumns: categoricalIndices)
    }
}

/// Which tracks each artist is credited on, and each track's album, for relational features.
struct TrackLinks {
    var artistsOfTrack: [String: [Int64]] = [:]
    var albumOfTrack: [String: Int64] = [:]

    static func read(_ db: Database) throws -> TrackLinks {
        var links = TrackLinks()
        let cursor = try Row.fetchCursor(db, sql: "SELECT track_id, artist_id, album_id FROM v_track_artist_links ORDER BY track_id, position")
        while let row = try cursor.next() {
            let trackID: String = row[0]
            links.artistsOfTrack[trackID, default: []].append(row[1])
            if let album: Int64 = row[2] { links.albumOfTrack[trackID] = album }
        }
        return links
    }
}

/// The ingests whose data a run saw, for staleness checks and the runs table.
struct DataVersion: Sendable {
    var ingestIDs: [Int64]
    var newestIngestID: Int64?

    static func read(_ db: Database) throws -> DataVersion {
        let ids = try Int64.fetchAll(db, sql: "SELECT ingest_id FROM ingests WHERE status = 'succeeded' ORDER BY ingest_id")
        return DataVersion(ingestIDs: ids, newestIngestID: ids.last)
    }
}

/// Features a whole dump lacks. Only the top-hits dump has no time_signature, and every track in it is a hit, so a
/// missing value would stand for the source ("a missing time_signature raised the predicted popularity"). The genre
/// and popularity models, and every answer from them, see the value nearly every track carries instead (4/4, the
/// median wherever the column is given), so its absence cannot be learned as a signal.
enum SourceGaps {
    static let filled: [String: Double] = ["time_signature": 4]

    /// `value`, or the filled value when it is missing and `column` is one a whole source lacks.
    static func fill(_ column: String, _ value: Double?) -> Double {
        value ?? filled[column] ?? .nan
    }
}
