import Core
import Foundation
import GRDB
@_spi(WarehouseSQL) import Store

/// What else the warehouse says of a track's genre beside the genre champion's answer: the track's tags in the
/// vocabularies the champion did not learn (issue 18: they are evidence, not classes) and its lead artist's genres
/// (`artist_genres`), each labelled with its vocabulary.
public struct GenreTagEvidence: Sendable, Equatable {
    /// Labels of one vocabulary, alphabetically regardless of case.
    public struct Group: Sendable, Equatable {
        public var vocabulary: String
        public var genres: [String]

        /// "pop, Dance/Electronic (genre)".
        public var text: String { genres.joined(separator: ", ") + " (\(vocabulary))" }
    }

    /// Tags in vocabularies other than the champion's: of the warehouse track with the same id, of the warehouse's
    /// recordings of the same song (`SameSong`: the dumps give one song several ids, a top-hits row a derived one),
    /// and the record's own tags when its file's vocabulary is another.
    public var trackTags: [Group] = []
    /// The lead artist's genres, every vocabulary (they describe the artist, never the track).
    public var artistGenres: [Group] = []

    public var isEmpty: Bool { trackTags.isEmpty && artistGenres.isEmpty }
    /// "pop, Dance/Electronic (genre)"; groups joined by "; "; nil when there are none.
    public var trackTagsText: String? { trackTags.isEmpty ? nil : trackTags.map(\.text).joined(separator: "; ") }
    public var artistGenresText: String? { artistGenres.isEmpty ? nil : artistGenres.map(\.text).joined(separator: "; ") }
    /// "also tagged: pop, Dance/Electronic (genre); artist genres: dance pop, pop (exportify)".
    public var summary: String? {
        let parts = [trackTagsText.map { "also tagged: " + $0 }, artistGenresText.map { "artist genres: " + $0 }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// The evidence for each record, in order. `vocabulary`: the vocabulary of the records' own `genres` (their
    /// file's genre column, `HeaderMapping.genreVocabulary`); nil when they carry none worth naming. The champion's
    /// vocabulary is its run's taxonomy; without a genre champion (or for runs older than taxonomies), the one
    /// `train genre` would learn by default.
    static func read(_ records: [TrackRecord], vocabulary: String? = nil, in db: Database) throws -> [GenreTagEvidence] {
        guard !records.isEmpty else { return [] }
        let taxonomy = try ModelRuns.champion(db, task: .genre)?.taxonomy ?? (try? GenreTrainer.taxonomy(db, named: nil))

        // Per lead artist: the other-vocabulary tags of each of their songs (by folded title), and their genres.
        var songsOf: [String: [String: [(String, String)]]] = [:]
        var genresOf: [String: [(String, String)]] = [:]
        let songTags = try db.cachedStatement(sql: """
            SELECT t.name, g.vocabulary, g.name FROM track_artists ta JOIN tracks t ON t.track_id = ta.track_id
            JOIN track_genres tg ON tg.track_id = t.track_id JOIN genres g ON g.genre_id = tg.genre_id
            WHERE ta.artist_id = ? AND g.vocabulary IS NOT ?
            """)
        let idTags = try db.cachedStatement(sql: """
            SELECT g.vocabulary, g.name FROM track_genres tg JOIN genres g ON g.genre_id = tg.genre_id
            WHERE tg.track_id = ? AND g.vocabulary IS NOT ?
            """)
        let artistGenres = try db.cachedStatement(sql: "SELECT vocabulary, genre FROM artist_genres WHERE artist_id = ?")
        // Looked up per distinct lead artist: a dump names a few thousand, the warehouse may hold a million.
        let artistIDs = try db.cachedStatement(sql: "SELECT artist_id FROM artists WHERE name = ?")

        return try records.map { record in
            var tags: [(String, String)] = try Row.fetchAll(idTags, arguments: [record.trackID, taxonomy]).map { ($0[0], $0[1]) }
            if let vocabulary, vocabulary != taxonomy { tags += record.genres.map { (vocabulary, $0) } }
            var artist: [(String, String)] = []
            if let lead = record.artists.first {
                if songsOf[lead] == nil {
                    let ids = try Int64.fetchAll(artistIDs, arguments: [lead])
                    var songs: [String: [(String, String)]] = [:]
                    for id in ids {
                        for row in try Row.fetchAll(songTags, arguments: [id, taxonomy]) {
                            songs[SameSong.title(row[0]), default: []].append((row[1], row[2]))
                        }
                    }
                    songsOf[lead] = songs
                    genresOf[lead] = try ids.flatMap { try Row.fetchAll(artistGenres, arguments: [$0]).map { ($0[0] as String, $0[1] as String) } }
                }
                tags += songsOf[lead]?[SameSong.title(record.name)] ?? []
                artist = genresOf[lead] ?? []
            }
            return GenreTagEvidence(trackTags: groups(tags), artistGenres: groups(artist))
        }
    }

    public static func read(_ records: [TrackRecord], vocabulary: String? = nil, in reader: WarehouseReader) throws -> [GenreTagEvidence] {
        try read(records, vocabulary: vocabulary, in: reader.db)
    }

    /// (vocabulary, label) pairs as groups: vocabularies by name, labels alphabetically, each once regardless of case.
    static func groups(_ pairs: [(String, String)]) -> [Group] {
        var byVocabulary: [String: [String]] = [:]
        for (vocabulary, genre) in pairs where !genre.isEmpty {
            if byVocabulary[vocabulary]?.contains(where: { $0.caseInsensitiveCompare(genre) == .orderedSame }) != true {
                byVocabulary[vocabulary, default: []].append(genre)
            }
        }
        return byVocabulary.keys.sorted().map { vocabulary in
            Group(vocabulary: vocabulary, genres: byVocabulary[vocabulary]!.sorted {
                $0.caseInsensitiveCompare($1) != .orderedSame ? $0.caseInsensitiveCompare($1) == .orderedAscending : $0 < $1
            })
        }
    }
}
