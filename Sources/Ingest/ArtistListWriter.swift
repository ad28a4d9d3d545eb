import Core
import GRDB
@_spi(WarehouseSQL) import Store

/// One row of an artist list (Kaggle 600k's `artists.csv`: `id, followers, genres, name, popularity`), validated.
struct ArtistListRow: Sendable, Equatable {
    var spotifyID: String
    var name: String
    var genres: [String]
    var followers: Int?
    var popularity: Int?

    enum Outcome: Sendable, Equatable {
        case artist(ArtistListRow)
        case rejected(reason: String)
    }

    /// Parses a row by the header's column positions; every rule of the layout is here.
    static func parse(_ fields: [String], columns: ArtistListColumns) -> Outcome {
        guard fields.count == columns.count else { return .rejected(reason: "expected \(columns.count) fields, found \(fields.count)") }
        var problems: [String] = []
        func text(_ column: Int?) -> String? {
            guard let column else { return nil }
            let value = fields[column].trimmedSpaces
            return value.isEmpty ? nil : value
        }
        /// A whole number in range; `44.0` is a whole number (the dump writes followers as floats).
        func whole(_ column: Int?, _ name: String, _ range: ClosedRange<Double>) -> Int? {
            guard let raw = text(column) else { return nil }
            guard let value = RowParser.decimalNumber(raw), value.rounded() == value, range.contains(value) else {
                problems.append("\(name) '\(raw.prefix(30))' is not a whole number in \(RowParser.describe(range))")
                return nil
            }
            return Int(value)
        }
        var spotifyID: String?
        if let raw = text(columns.id) {
            spotifyID = SpotifyID.artist(raw)
            if spotifyID == nil { problems.append("id '\(raw.prefix(60))' is not a Spotify artist id") }
        } else {
            problems.append("missing id (an artist list links its artists to tracks by Spotify artist id)")
        }
        let name = text(columns.name)
        if name == nil { problems.append("missing name") }
        let followers = whole(columns.followers, "followers", 0...1e12)
        let popularity = whole(columns.popularity, "popularity", 0...100)
        if !problems.isEmpty { return .rejected(reason: problems.joined(separator: "; ")) }
        return .artist(ArtistListRow(spotifyID: spotifyID!, name: name!, genres: text(columns.genres).map(RowParser.splitGenres) ?? [],
                                     followers: followers, popularity: popularity))
    }
}

/// Where an artist list's columns are.
struct ArtistListColumns: Sendable {
    var count: Int
    var id, name, genres, followers, popularity: Int?

    init(header: [String]) {
        let names = header.map(HeaderMapping.normalize)
        count = header.count
        id = names.firstIndex(of: "id")
        name = names.firstIndex(of: "name")
        genres = names.firstIndex(of: "genres")
        followers = names.firstIndex(of: "followers")
        popularity = names.firstIndex(of: "popularity")
    }

    /// Header columns no field reads.
    func ignored(_ header: [String]) -> [String] {
        let used = Set([id, name, genres, followers, popularity].compactMap { $0 })
        return header.indices.filter { !used.contains($0) }.map { header[$0] }
    }
}

/// Writes an artist list inside the caller's transaction. A row links to the artist holding its Spotify id; else
/// to the artist of that name that has no id yet (it gets this one); else it is a new artist. A name already held
/// by an artist with another Spotify id is a namesake the warehouse cannot tell apart (an artist is one name): the
/// row is a reject that says so. Linked artists get the row's followers and popularity, and its genres as artist
/// genres labelled with the list's vocabulary.
final class ArtistListWriter {
    private let db: Database
    private let ingestID: Int64
    private let vocabulary: String
    private let identities: ArtistIdentities
    private var artistIDs: [String: Int64] = [:]
    private let insertArtist, updateCounts, insertArtistGenre: BulkStatement

    private(set) var artistsNew = 0
    private(set) var artistsLinked = 0
    private(set) var genresTagged = 0

    init(db: Database, ingestID: Int64, vocabulary: String) throws {
        self.db = db
        self.ingestID = ingestID
        self.vocabulary = vocabulary
        identities = ArtistIdentities(db: db)
        insertArtist = try BulkStatement(db, sql: "INSERT INTO artists (name) VALUES (?)")
        updateCounts = try BulkStatement(db, sql: """
            UPDATE artists SET followers = coalesce(?, followers), popularity = coalesce(?, popularity) WHERE artist_id = ?
            """)
        insertArtistGenre = try BulkStatement(db, sql: """
            INSERT INTO artist_genres (artist_id, genre, vocabulary, merged, first_ingest_id) VALUES (?, ?, ?, 0, ?)
            ON CONFLICT (artist_id, vocabulary, genre) DO UPDATE SET merged = 0
            """)
        for row in try Row.fetchAll(db, sql: "SELECT artist_id, name FROM artists") { artistIDs[row[1]] = row[0] }
    }

    /// Stores the row; returns a reject reason when it names a namesake of a stored artist.
    func add(_ row: ArtistListRow) throws -> String? {
        let artist: Int64
        if let held = try identities.artist(spotifyID: row.spotifyID) {
            artist = held
            artistsLinked += 1
        } else if let named = artistIDs[row.name] {
            if let other = try identities.spotifyID(artist: named) {
                return "artist name '\(row.name.prefix(60))' is held by Spotify artist \(other); the warehouse keeps one artist per name"
            }
            try identities.assign(row.spotifyID, to: named)
            artist = named
            artistsLinked += 1
        } else {
            try insertArtist.bind(row.name).run()
            artist = db.lastInsertedRowID
            artistIDs[row.name] = artist
            try identities.assign(row.spotifyID, to: artist)
            artistsNew += 1
        }
        if row.followers != nil || row.popularity != nil { try updateCounts.bind(row.followers).bind(row.popularity).bind(artist).run() }
        for genre in row.genres {
            try insertArtistGenre.bind(artist).bind(genre).bind(vocabulary).bind(ingestID).run()
            genresTagged += 1
        }
        return nil
    }
}
