import Core
import GRDB
@_spi(WarehouseSQL) import Store

/// Normalizes validated records of one file into the warehouse tables, inside the caller's
/// transaction. Lookups (artists, genres, albums, known tracks) are cached in memory, so each row
/// costs a handful of prepared inserts and no queries on a fresh warehouse.
///
/// Into an empty warehouse the writer loads in bulk: it drops the indexes of the tables it fills,
/// appends rows, and `finish()` builds each index once by sorting (the indexes' definitions come from
/// the schema itself, so migrations stay their one source). Uniqueness then rests on the writer's own
/// bookkeeping, which it keeps in every mode; building a unique index would refuse any slip.
final class TrackWriter {
    private let db: Database
    private let ingestID: Int64
    private var artistIDs: [String: Int64] = [:]
    /// Keyed by lowercased name: genre names compare without case.
    private var genreIDs: [String: Int64] = [:]
    private var albumIDs: [String: Int64] = [:]
    /// Name keys of albums this file gave a Spotify id (still found by their old key here, never upgraded twice).
    private var upgradedAlbumKeys: Set<String> = []
    /// Albums and artists this file created or took a track away from: `finish()` deletes those left with nothing.
    private var releasedAlbums: Set<Int64> = []
    private var releasedArtists: Set<Int64> = []
    /// Tracks the warehouse held before this file, by id: their rowid in `tracks` (the batched comparison reads them by it).
    private var knownTracks: [String: Int64] = [:]
    /// Tracks of this file already written.
    private var written: [String: WrittenTrack] = [:]
    private var conflictingTracks: Set<String> = []
    /// Index definitions dropped for a bulk load, rebuilt by `finish()`.
    private var droppedIndexes: [String] = []
    /// Known tracks first met in this file and not written yet: compared with the stored ones a batch at a time
    /// (nil: each one row by row, as it comes). Keyed by track id, the record's place in `pendingKnown`.
    private let knownComparison: KnownTrackComparison?
    private var pendingKnown: [KnownTrackComparison.Candidate] = []
    private var pendingIndex: [String: Int] = [:]
    private let knownBatchSize: Int
    /// Known tracks compared in one join (the nightly case: most are unchanged).
    static let defaultKnownBatchSize = 8192

    private(set) var tracksNew = 0
    private(set) var tracksUpdated = 0
    var popularityConflicts: Int { conflictingTracks.count }
    /// Whether this load appends to empty tables and builds their indexes at the end.
    let isBulkLoad: Bool

    /// What this file has written for a track: the popularity kept (and its row), the genre tags.
    private struct WrittenTrack {
        var popularity: Int?
        /// The reading's rowid; nil for a reading written with its batch of known tracks (found by track and ingest).
        var popularityRow: Int64?
        var genreIDs: [Int64]
    }

    /// Tables an ingest fills.
    static let tables = ["artists", "albums", "tracks", "track_artists", "track_genres", "audio_features", "popularity_observations"]

    private let insertArtist, insertGenre, insertAlbum, upgradeAlbum, insertTrack, updateTrack, touchTrack: BulkStatement
    private let insertTrackArtist, deleteTrackArtists, upsertFeatures, insertTrackGenre: BulkStatement
    private let insertPopularity, raisePopularity, raiseBatchedPopularity: BulkStatement
    private let insertArtistGenre: BulkStatement
    /// The dump layout artist genres are labelled with (`artist_genres.vocabulary`).
    private let vocabulary: String
    /// Spotify artist ids, for dumps that give them.
    private lazy var artistIdentities = ArtistIdentities(db: db)
    private let genreVocabulary: String

    /// `expectedRows` (a guess from the file's size) sizes the per-track bookkeeping up front. `knownBatchSize` 0
    /// compares each known track with the stored one as it comes (the reference the batched join is tested against).
    /// `genreVocabulary`: the vocabulary of the file's genre tags (`genres.vocabulary`, `HeaderMapping.genreVocabulary`).
    init(db: Database, ingestID: Int64, expectedRows: Int = 0, vocabulary: String = "dump", genreVocabulary: String = "track_genre",
         knownBatchSize: Int = TrackWriter.defaultKnownBatchSize) throws {
        self.db = db
        self.ingestID = ingestID
        self.vocabulary = vocabulary
        self.genreVocabulary = genreVocabulary
        written.reserveCapacity(min(max(0, expectedRows), 4_000_000))
        // Before any statement is prepared: they must not depend on indexes about to be dropped.
        isBulkLoad = try Self.tablesAreEmpty(db)
        if isBulkLoad { droppedIndexes = try Self.dropIndexes(db) }
        insertArtist = try BulkStatement(db, sql: "INSERT INTO artists (name) VALUES (?)")
        insertGenre = try BulkStatement(db, sql: "INSERT INTO genres (name, vocabulary) VALUES (?, ?)")
        insertAlbum = try BulkStatement(db, sql: "INSERT INTO albums (album_key, spotify_album_id, name) VALUES (?, ?, ?)")
        upgradeAlbum = try BulkStatement(db, sql: "UPDATE albums SET album_key = ?, spotify_album_id = ? WHERE album_id = ?")
        insertTrack = try BulkStatement(db, sql: """
            INSERT INTO tracks (track_id, id_is_derived, name, album_id, duration_ms, explicit, release_date, release_year,
                                first_ingest_id, last_ingest_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        updateTrack = try BulkStatement(db, sql: """
            UPDATE tracks SET name = ?, album_id = ?, duration_ms = ?, explicit = ?, release_date = ?, release_year = ?,
                              last_ingest_id = ?
            WHERE track_id = ?
            """)
        touchTrack = try BulkStatement(db, sql: "UPDATE tracks SET last_ingest_id = ? WHERE track_id = ?")
        insertTrackArtist = try BulkStatement(db, sql: "INSERT INTO track_artists (track_id, position, artist_id) VALUES (?, ?, ?)")
        deleteTrackArtists = try BulkStatement(db, sql: "DELETE FROM track_artists WHERE track_id = ?")
        upsertFeatures = try BulkStatement(db, sql: """
            INSERT OR REPLACE INTO audio_features (track_id, danceability, energy, key, loudness, mode, speechiness, acousticness,
                instrumentalness, liveness, valence, tempo, time_signature)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // OR IGNORE: a known track keeps the tags earlier dumps gave it.
        insertTrackGenre = try BulkStatement(db, sql: "INSERT OR IGNORE INTO track_genres (track_id, genre_id, first_ingest_id) VALUES (?, ?, ?)")
        insertPopularity = try BulkStatement(db, sql: "INSERT INTO popularity_observations (track_id, ingest_id, popularity) VALUES (?, ?, ?)")
        raisePopularity = try BulkStatement(db, sql: "UPDATE popularity_observations SET popularity = ? WHERE rowid = ?")
        raiseBatchedPopularity = try BulkStatement(db, sql: "UPDATE popularity_observations SET popularity = ? WHERE track_id = ? AND ingest_id = ?")
        insertArtistGenre = try BulkStatement(db, sql: """
            INSERT INTO artist_genres (artist_id, genre, vocabulary, merged, first_ingest_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (artist_id, vocabulary, genre) DO UPDATE SET merged = min(merged, excluded.merged)
            """)

        // Cursors: a warehouse's lookups go straight into the dictionaries, without an array of rows in between.
        let artists = try Row.fetchCursor(db, sql: "SELECT artist_id, name FROM artists")
        while let row = try artists.next() { artistIDs[row[1]] = row[0] }
        for row in try Row.fetchAll(db, sql: "SELECT genre_id, name FROM genres WHERE vocabulary = ?", arguments: [genreVocabulary]) { genreIDs[(row[1] as String).lowercased()] = row[0] }
        let albums = try Row.fetchCursor(db, sql: "SELECT album_id, album_key FROM albums")
        while let row = try albums.next() { albumIDs[row[1]] = row[0] }
        let tracks = try Row.fetchCursor(db, sql: "SELECT track_id, rowid FROM tracks")
        while let row = try tracks.next() { knownTracks[row[0]] = row[1] }
        self.knownBatchSize = knownBatchSize
        knownComparison = knownBatchSize > 0 && !knownTracks.isEmpty ? try KnownTrackComparison(db: db) : nil
    }

    /// Writes the known tracks still waiting and builds the indexes a bulk load dropped; call once, after the last row.
    func finish() throws {
        try writePendingKnownTracks()
        try knownComparison?.drop()
        try deleteReleasedOrphans()
        guard !droppedIndexes.isEmpty else { return }
        // The sorts behind CREATE INDEX may use both cores: the reading thread is done by now.
        try db.execute(sql: "PRAGMA threads = 2")
        defer { try? db.execute(sql: "PRAGMA threads = 0") }
        for sql in droppedIndexes { try db.execute(sql: sql) }
        droppedIndexes = []
    }

    private static func tablesAreEmpty(_ db: Database) throws -> Bool {
        for table in tables where try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))") == true { return false }
        return true
    }

    /// Drops the indexes of the tables an ingest fills; returns their CREATE statements.
    private static func dropIndexes(_ db: Database) throws -> [String] {
        let list = tables.map { "'\($0)'" }.joined(separator: ", ")
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(list)) ORDER BY name
            """)
        for index in indexes { try db.execute(sql: "DROP INDEX \((index["name"] as String).quotedDatabaseIdentifier)") }
        return indexes.map { $0["sql"] }
    }

    /// Takes one accepted record and writes it at once. A track already met in this file only gains
    /// genre tags and, when this row gives it a higher popularity, that value (the documented conflict
    /// rule). Rows are written as they come, while the reader thread parses the next ones.
    func add(_ record: TrackRecord) throws {
        if let slot = pendingIndex[record.trackID] {
            // Met earlier in this file, waiting to be written: the same rule as below, on what will be written.
            var pending = pendingKnown[slot].record
            for genre in record.genres { _ = try genreID(genre) }
            pending.genres += record.genres
            if let popularity = record.popularity, let kept = pending.popularity, popularity != kept {
                conflictingTracks.insert(record.trackID)
                pending.popularity = max(popularity, kept)
            }
            pendingKnown[slot].record = pending
            return
        }
        if var track = written[record.trackID] {
            // Met earlier in this file: already in the tables.
            try tagGenres(record, of: &track)
            if let popularity = record.popularity, let kept = track.popularity, popularity != kept {
                conflictingTracks.insert(record.trackID)
                if popularity > kept {
                    if let row = track.popularityRow {
                        try raisePopularity.bind(popularity).bind(row).run()
                    } else {
                        try raiseBatchedPopularity.bind(popularity).bind(record.trackID).bind(ingestID).run()
                    }
                    track.popularity = popularity
                }
            }
            written[record.trackID] = track
            return
        }
        if let rowID = knownTracks[record.trackID] {
            guard knownComparison != nil else {
                try updateKnownTrack(record)
                return try tagWritten(record)
            }
            // Album, artist and genre ids are taken now, in the file's order, as the row-by-row path takes them.
            let candidate = KnownTrackComparison.Candidate(record: record, rowID: rowID, albumID: try albumID(for: record),
                                                           artistIDs: try record.artists.map(artistID))
            for genre in record.genres { _ = try genreID(genre) }
            try assignArtistSpotifyIDs(record)
            pendingIndex[record.trackID] = pendingKnown.count
            pendingKnown.append(candidate)
            if pendingKnown.count >= knownBatchSize { try writePendingKnownTracks() }
            return
        }
        try insertNewTrack(record)
        tracksNew += 1
        try tagWritten(record)
    }

    /// Compares the waiting known tracks with the stored ones in one join, updates those that changed (each
    /// checked exactly, row by row) and records every one's tags and popularity.
    private func writePendingKnownTracks() throws {
        guard let knownComparison, !pendingKnown.isEmpty else { return }
        let changed = try knownComparison.markSeen(pendingKnown, ingestID: ingestID)
        for candidate in pendingKnown {
            if changed.contains(candidate.record.trackID) { try updateKnownTrack(candidate.record) }
            try tagWritten(candidate.record, batched: true)
        }
        pendingKnown.removeAll(keepingCapacity: true)
        pendingIndex.removeAll(keepingCapacity: true)
    }

    /// A track's first row of this file is in the tables: its genre tags, artist genres, artists' Spotify ids and
    /// popularity reading. A `batched` known track had its artists' ids assigned as it arrived (in file order: the
    /// first id given for a name wins) and its reading written with its batch.
    private func tagWritten(_ record: TrackRecord, batched: Bool = false) throws {
        var track = WrittenTrack(popularity: record.popularity, genreIDs: [])
        try tagGenres(record, of: &track)
        try tagArtistGenres(record)
        if !batched { try assignArtistSpotifyIDs(record) }
        if let popularity = record.popularity, !batched {
            try insertPopularity.bind(record.trackID).bind(ingestID).bind(popularity).run()
            track.popularityRow = db.lastInsertedRowID
        }
        written[record.trackID] = track
    }

    private func assignArtistSpotifyIDs(_ record: TrackRecord) throws {
        for (name, spotifyID) in zip(record.artists, record.artistSpotifyIDs) { try artistIdentities.assign(spotifyID, to: try artistID(name)) }
    }

    private func insertNewTrack(_ record: TrackRecord) throws {
        let albumID = try albumID(for: record)
        try insertTrack.bind(record.trackID).bind(record.idIsDerived).bind(record.name).bind(albumID.map(Int.init))
            .bind(record.durationMs).bind(record.explicit).bind(record.releaseDate).bind(record.releaseYear)
            .bind(ingestID).bind(ingestID).run()
        try writeArtists(record)
        if record.features != AudioFeatures() { try writeFeatures(record.trackID, record.features) }
    }

    /// A newer dump of a known track: attributes it gives replace the stored ones; missing ones stay.
    private func updateKnownTrack(_ record: TrackRecord) throws {
        let stored = try StoredTrack.fetch(db, trackID: record.trackID)
        var merged = stored
        merged.name = record.name
        // A record naming the stored album without Spotify's id for it keeps the stored album (one with the id, maybe).
        if let albumID = try albumID(for: record), !(record.spotifyAlbumID == nil && record.albumName == stored.albumName) {
            merged.albumID = albumID
        }
        merged.durationMs = record.durationMs ?? stored.durationMs
        merged.explicit = record.explicit ?? stored.explicit
        merged.releaseDate = record.releaseDate ?? stored.releaseDate
        merged.releaseYear = record.releaseYear ?? stored.releaseYear
        merged.artists = record.artists
        merged.features = Self.merge(stored.features, with: record.features)
        guard merged != stored else {
            try touchTrack.bind(ingestID).bind(record.trackID).run()
            return
        }
        try updateTrack.bind(merged.name).bind(merged.albumID.map(Int.init)).bind(merged.durationMs).bind(merged.explicit)
            .bind(merged.releaseDate).bind(merged.releaseYear).bind(ingestID).bind(record.trackID).run()
        if merged.albumID != stored.albumID, let old = stored.albumID { releasedAlbums.insert(old) }
        if merged.artists != stored.artists {
            releasedArtists.formUnion(stored.artists.compactMap { artistIDs[$0] })
            try deleteTrackArtists.bind(record.trackID).run()
            try writeArtists(record)
        }
        if merged.features != stored.features { try writeFeatures(record.trackID, merged.features) }
        tracksUpdated += 1
    }

    private static func merge(_ stored: AudioFeatures, with new: AudioFeatures) -> AudioFeatures {
        var f = stored
        f.danceability = new.danceability ?? f.danceability
        f.energy = new.energy ?? f.energy
        f.key = new.key ?? f.key
        f.loudness = new.loudness ?? f.loudness
        f.mode = new.mode ?? f.mode
        f.speechiness = new.speechiness ?? f.speechiness
        f.acousticness = new.acousticness ?? f.acousticness
        f.instrumentalness = new.instrumentalness ?? f.instrumentalness
        f.liveness = new.liveness ?? f.liveness
        f.valence = new.valence ?? f.valence
        f.tempo = new.tempo ?? f.tempo
        f.timeSignature = new.timeSignature ?? f.timeSignature
        return f
    }

    private func writeArtists(_ record: TrackRecord) throws {
        for (offset, name) in record.artists.enumerated() {
            try insertTrackArtist.bind(record.trackID).bind(offset + 1).bind(try artistID(name)).run()
        }
    }

    private func writeFeatures(_ trackID: String, _ f: AudioFeatures) throws {
        try upsertFeatures.bind(trackID).bind(f.danceability).bind(f.energy).bind(f.key).bind(f.loudness).bind(f.mode)
            .bind(f.speechiness).bind(f.acousticness).bind(f.instrumentalness).bind(f.liveness).bind(f.valence)
            .bind(f.tempo).bind(f.timeSignature).run()
    }

    /// Tags the track with the record's genres it does not have yet from this file.
    private func tagGenres(_ record: TrackRecord, of track: inout WrittenTrack) throws {
        for genre in record.genres {
            let id = try genreID(genre)
            guard !track.genreIDs.contains(id) else { continue }
            try insertTrackGenre.bind(record.trackID).bind(id).bind(ingestID).run()
            track.genreIDs.append(id)
        }
    }

    /// An export's artist genres go to the lead artist; with several credited artists the export merged theirs (`merged`).
    private func tagArtistGenres(_ record: TrackRecord) throws {
        guard !record.artistGenres.isEmpty, let lead = record.artists.first else { return }
        let artist = try artistID(lead)
        for genre in record.artistGenres {
            try insertArtistGenre.bind(artist).bind(genre).bind(vocabulary).bind(record.artists.count > 1).bind(ingestID).run()
        }
    }

    private func artistID(_ name: String) throws -> Int64 {
        if let id = artistIDs[name] { return id }
        try insertArtist.bind(name).run()
        let id = db.lastInsertedRowID
        artistIDs[name] = id
        if !isBulkLoad { releasedArtists.insert(id) }
        return id
    }

    private func genreID(_ name: String) throws -> Int64 {
        let key = name.lowercased()
        if let id = genreIDs[key] { return id }
        try insertGenre.bind(name).bind(genreVocabulary).run()
        let id = db.lastInsertedRowID
        genreIDs[key] = id
        return id
    }

    /// Spotify's album id when the dump has one, else the album name with the lead artist. An album known only by
    /// its name and lead artist is the same album when a record gives that name and lead with Spotify's id: it gains
    /// the id (its key becomes the id's) instead of a second row beside it.
    private func albumID(for record: TrackRecord) throws -> Int64? {
        guard let name = record.albumName, let key = record.albumKey else { return nil }
        if let id = albumIDs[key] { return id }
        var named = record
        named.spotifyAlbumID = nil
        if let spotifyID = record.spotifyAlbumID, let nameKey = named.albumKey, let id = albumIDs[nameKey], !upgradedAlbumKeys.contains(nameKey) {
            try upgradeAlbum.bind(key).bind(spotifyID).bind(id).run()
            upgradedAlbumKeys.insert(nameKey)
            albumIDs[key] = id
            return id
        }
        try insertAlbum.bind(key).bind(record.spotifyAlbumID).bind(name).run()
        let id = db.lastInsertedRowID
        albumIDs[key] = id
        if !isBulkLoad { releasedAlbums.insert(id) }
        return id
    }

    /// No album or artist is left without tracks by this file: those it created or took a track away from and that
    /// nothing links to any more are deleted (an artist an artist list or an export's genres describe stays).
    private func deleteReleasedOrphans() throws {
        if !releasedAlbums.isEmpty {
            let orphans = try Int64.fetchSet(db, sql: """
                SELECT album_id FROM albums WHERE album_id IN (SELECT value FROM json_each(?))
                AND NOT EXISTS (SELECT 1 FROM tracks t WHERE t.album_id = albums.album_id)
                """, arguments: [Self.json(releasedAlbums)])
            if !orphans.isEmpty {
                try db.execute(sql: "DELETE FROM albums WHERE album_id IN (SELECT value FROM json_each(?))", arguments: [Self.json(orphans)])
                albumIDs = albumIDs.filter { !orphans.contains($0.value) }
            }
        }
        if !releasedArtists.isEmpty {
            let orphans = try Int64.fetchSet(db, sql: """
                SELECT artist_id FROM artists WHERE artist_id IN (SELECT value FROM json_each(?))
                AND spotify_artist_id IS NULL AND followers IS NULL AND popularity IS NULL
                AND NOT EXISTS (SELECT 1 FROM track_artists ta WHERE ta.artist_id = artists.artist_id)
                AND NOT EXISTS (SELECT 1 FROM artist_genres ag WHERE ag.artist_id = artists.artist_id)
                """, arguments: [Self.json(releasedArtists)])
            if !orphans.isEmpty {
                try db.execute(sql: "DELETE FROM artists WHERE artist_id IN (SELECT value FROM json_each(?))", arguments: [Self.json(orphans)])
                artistIDs = artistIDs.filter { !orphans.contains($0.value) }
            }
        }
        releasedAlbums = []
        releasedArtists = []
    }

    private static func json(_ ids: Set<Int64>) -> String {
        "[" + ids.sorted().map(String.init).joined(separator: ",") + "]"
    }
}

/// A known track as the warehouse holds it, to tell whether a newer dump changed anything.
private struct StoredTrack: Equatable {
    var name: String
    var albumID: Int64?
    var albumName: String?
    var durationMs: Int?
    var explicit: Bool?
    var releaseDate: String?
    var releaseYear: Int?
    var artists: [String]
    var features: AudioFeatures

    /// Two cached statements per known track: a newer dump of the whole warehouse runs this once per track.
    static func fetch(_ db: Database, trackID: String) throws -> StoredTrack {
        let row = try Row.fetchOne(try db.cachedStatement(sql: """
            SELECT t.name, t.album_id, t.duration_ms, t.explicit, t.release_date, t.release_year,
                   f.danceability, f.energy, f.key, f.loudness, f.mode, f.speechiness, f.acousticness,
                   f.instrumentalness, f.liveness, f.valence, f.tempo, f.time_signature, al.name
            FROM tracks t LEFT JOIN audio_features f USING (track_id) LEFT JOIN albums al ON al.album_id = t.album_id
            WHERE t.track_id = ?
            """), arguments: [trackID])!
        // Columns by position, in the SELECT's order.
        var features = AudioFeatures()
        features.danceability = row[6]
        features.energy = row[7]
        features.key = row[8]
        features.loudness = row[9]
        features.mode = row[10]
        features.speechiness = row[11]
        features.acousticness = row[12]
        features.instrumentalness = row[13]
        features.liveness = row[14]
        features.valence = row[15]
        features.tempo = row[16]
        features.timeSignature = row[17]
        let artists = try String.fetchAll(try db.cachedStatement(sql: """
            SELECT a.name FROM track_artists ta JOIN artists a USING (artist_id) WHERE ta.track_id = ? ORDER BY ta.position
            """), arguments: [trackID])
        return StoredTrack(name: row[0], albumID: row[1], albumName: row[18], durationMs: row[2], explicit: row[3],
                           releaseDate: row[4], releaseYear: row[5], artists: artists, features: features)
    }
}
