import Core
import GRDB
import Learning

/// The champions' answers for tracks described by `TrackRecord`s (a dump not loaded yet, or tracks of the
/// warehouse). Relational features come from what the warehouse knows of each track's artists and album; a track
/// with audio is answered by the full champion when there is more to read than its audio (a known artist, or a
/// title, album or artist name whose words it can weigh: its stacker learned on tracks whose artists the evidence had
/// not seen), and by the audio-only champion when it is known by its audio alone (a form's sliders). Nothing is answered
/// from features a track does not have: a track without audio features is answered by the full champion when
/// the warehouse knows its artists ("relations": their and the album's tags and records, the title's words), and
/// otherwise not at all ("no evidence").
public struct Predictor: Sendable {
    public struct Answer: Sendable {
        public var trackID: String
        public var trackName: String
        public var artists: [String]
        /// Up to three genres with probabilities, most likely first.
        public var genres: [(genre: String, probability: Double)]
        public var popularity: Double?
        /// What the answer stands on: "full" (audio and relations), "audio", "relations" (no audio: the artists,
        /// album and title words the warehouse knows), or "no evidence" (no answer); nil when no champion was trained.
        public var genreModel: String?
        public var popularityModel: String?
    }

    struct Champions: Sendable {
        var genreFull: GenreModel? = nil
        var genreAudio: GenreModel? = nil
        var popularityFull: PopularityModel? = nil
        var popularityAudio: PopularityModel? = nil
    }

    /// How many genres each answer lists.
    public var genreCount = 3
    let champions: Champions
    let artistIDs: [String: Int64]
    let albumIDs: [String: Int64]

    /// Loads the champions; throws `noChampion` when neither a genre nor a popularity model was trained.
    init(_ db: Database) throws {
        try self.init(db, knowing: nil)
    }

    /// The same for answering `records` only (`explain` one track): it reads their artists and albums, not all of them.
    init(_ db: Database, for records: [TrackRecord]) throws {
        try self.init(db, knowing: records)
    }

    private init(_ db: Database, knowing records: [TrackRecord]?) throws {
        func load<M: PersistableModel>(_ type: M.Type, _ task: TrainingTask, _ featureSet: FeatureSet) throws -> M? {
            guard let blob = try ModelRuns.champion(db, task: task, featureSet: featureSet)?.blob else { return nil }
            return try ModelCoder.decode(type, from: blob)
        }
        let champions = Champions(genreFull: try load(GenreModel.self, .genre, .full), genreAudio: try load(GenreModel.self, .genre, .audio),
                                  popularityFull: try load(PopularityModel.self, .popularity, .full),
                                  popularityAudio: try load(PopularityModel.self, .popularity, .audio))
        guard champions.genreFull != nil || champions.genreAudio != nil || champions.popularityFull != nil || champions.popularityAudio != nil else {
            throw AnalyticsError.noChampion(task: "genre")
        }
        try self.init(db, champions: champions, knowing: records)
    }

    /// Answers with these models only (champion coverage: one champion answers the tracks its outputs lack); given
    /// `records`, it reads only their artists and albums.
    init(_ db: Database, champions: Champions, knowing records: [TrackRecord]? = nil) throws {
        self.champions = champions
        // Names and album keys are unique: restricted to some, the maps hold what the full ones would for them.
        func only(_ column: String, _ values: [String]?) -> (sql: String, arguments: StatementArguments) {
            guard let values else { return ("", []) }
            return (" WHERE \(column) IN (\(databaseQuestionMarks(count: max(values.count, 1))))", StatementArguments(values.isEmpty ? [""] : values))
        }
        let artistNames = only("name", records.map { Array(Set($0.flatMap(\.artists))) })
        var artists: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT artist_id, name FROM artists" + artistNames.sql, arguments: artistNames.arguments) {
            artists[row[1]] = row[0]
        }
        let albumKeys = only("album_key", records.map { Array(Set($0.compactMap(\.albumKey))) })
        var albums: [String: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT album_id, album_key FROM albums" + albumKeys.sql, arguments: albumKeys.arguments) {
            albums[row[1]] = row[0]
        }
        artistIDs = artists
        albumIDs = albums
    }

    /// The champion runs this predictor answers with (to know when to load a new one).
    static func championRunIDs(_ db: Database) throws -> [Int64] {
        try ModelRuns.champions(db).filter { $0.task == .genre || $0.task == .popularity }.map(\.runID)
    }

    /// A track known only by its audio features (a form's sliders): `feature name -> value`.
    public static func record(features values: [String: Double]) -> TrackRecord {
        var record = TrackRecord(trackID: "-", name: "-", artists: [], durationMs: values["duration_ms"].map { Int($0) },
                                 explicit: values["explicit"].map { $0 >= 0.5 })
        record.popularity = values["popularity"].map { Int($0) }
        var f = AudioFeatures()
        f.danceability = values["danceability"]; f.energy = values["energy"]; f.key = values["key"].map { Int($0) }
        f.loudness = values["loudness"]; f.mode = values["mode"].map { Int($0) }; f.speechiness = values["speechiness"]
        f.acousticness = values["acousticness"]; f.instrumentalness = values["instrumentalness"]; f.liveness = values["liveness"]
        f.valence = values["valence"]; f.tempo = values["tempo"]; f.timeSignature = values["time_signature"].map { Int($0) }
        record.features = f
        return record
    }

    /// Answers are rounded as the warehouse stores them (probabilities to 6 decimals, popularity to 3), here once, so
    /// that `predict`, `explain`, the web and the written-back rows show one value.
    static func rounded(probability: Double) -> Double { JSON.round(probability) }
    static func rounded(popularity: Double) -> Double { JSON.round(popularity, 3) }

    /// What an answer stands on when there is none to give.
    public static let noEvidence = "no evidence"

    public func predict(_ records: [TrackRecord]) throws -> [Answer] {
        guard !records.isEmpty else { return [] }
        let artistLists = records.map { $0.artists.compactMap { artistIDs[$0] } }
        let albums = records.map { record -> Int64? in
            record.albumKey.flatMap { albumIDs[$0] }
        }
        var answers = records.map { Answer(trackID: $0.trackID, trackName: $0.name, artists: $0.artists, genres: []) }
        let contexts = records.enumerated().map { i, record in
            TrackContext(artists: artistLists[i], album: albums[i], title: record.name, albumName: record.albumName, artistNames: record.artists)
        }
        let described = contexts.map { !$0.words.isEmpty }

        if champions.genreFull != nil || champions.genreAudio != nil {
            let x = try Self.genreMatrix(records)
            for (index, route) in routes(records, artistLists, described, full: champions.genreFull != nil,
                                         knows: { champions.genreFull?.evidence?.artistTags.counts[$0] != nil }) {
                let model = route == .audio ? (champions.genreAudio ?? champions.genreFull) : champions.genreFull
                guard route != .none, let model, model.usesRelations || route == .audio else {
                    for i in index { answers[i].genreModel = Self.noEvidence }
                    continue
                }
                let scores = try model.predictProbabilities(x.selectingRows(index), contexts: index.map { contexts[$0] })
                let k = model.classNames.count
                for (r, i) in index.enumerated() {
                    answers[i].genres = TopGenres.of(scores.values[(r * k)..<((r + 1) * k)], classNames: model.classNames, count: genreCount)
                        .map { ($0.genre, Self.rounded(probability: $0.probability)) }
                    answers[i].genreModel = route == .relations ? "relations" : (model.usesRelations ? "full" : "audio")
                }
            }
        }
        if champions.popularityFull != nil || champions.popularityAudio != nil {
            for (index, route) in routes(records, artistLists, described, full: champions.popularityFull != nil,
                                         knows: { champions.popularityFull?.artistPopularity.counts[$0] != nil }) {
                let model = route == .audio ? (champions.popularityAudio ?? champions.popularityFull) : champions.popularityFull
                guard route != .none, let model, model.usesRelations || route == .audio else {
                    for i in index { answers[i].popularityModel = Self.noEvidence }
                    continue
                }
                let x = try Self.popularityMatrix(index.map { records[$0] }, artists: index.map { artistLists[$0] },
                                                  albums: index.map { albums[$0] }, model: model)
                let predicted = try model.predict(x)
                for (r, i) in index.enumerated() {
                    answers[i].popularity = Self.rounded(popularity: predicted[r])
                    answers[i].popularityModel = route == .relations ? "relations" : (model.usesRelations ? "full" : "audio")
                }
            }
        }
        return answers
    }

    /// Which champion may answer for a track: what it stands on.
    enum Route { case full, audio, relations, none }

    /// Splits rows by what they can be answered from: audio and more (a known artist, or words to read: the full
    /// model), a known artist without audio ("relations"), audio alone (the audio model), or nothing. On the bundled
    /// dump, tracks by unknown artists scored by the full model rather than the audio one: genre any-tag 0.458
    /// against 0.363, popularity R² 0.422 against 0.311 (bench/models/RESULTS.md, 2026-12-05). Without a `full` model,
    /// a track with audio is answered by the audio one.
    private func routes(_ records: [TrackRecord], _ artistLists: [[Int64]], _ described: [Bool], full: Bool,
                        knows: (Int64) -> Bool) -> [([Int], Route)] {
        var groups: [Route: [Int]] = [:]
        for (i, artists) in artistLists.enumerated() {
            let known = artists.contains(where: knows), audio = !records[i].features.isEmpty
            let route: Route = !full ? (audio ? .audio : .none)
                : known ? (audio ? .full : .relations) : (audio ? (described[i] ? .full : .audio) : .none)
            groups[route, default: []].append(i)
        }
        return [Route.full, .audio, .relations, .none].compactMap { route in groups[route].map { ($0, route) } }
    }

    static func audioValues(_ record: TrackRecord) -> [String: Double] {
        let f = record.features
        func d(_ x: Double?) -> Double { x ?? .nan }
        func i(_ x: Int?) -> Double { x.map(Double.init) ?? .nan }
        return ["danceability": d(f.danceability), "energy": d(f.energy), "key": i(f.key), "loudness": d(f.loudness),
                "mode": i(f.mode), "speechiness": d(f.speechiness), "acousticness": d(f.acousticness),
                "instrumentalness": d(f.instrumentalness), "liveness": d(f.liveness), "valence": d(f.valence),
                "tempo": d(f.tempo), "duration_ms": i(record.durationMs),
                "time_signature": SourceGaps.fill("time_signature", f.timeSignature.map(Double.init)),
                "explicit": record.explicit.map { $0 ? 1 : 0 } ?? .nan, "popularity": i(record.popularity)]
    }

    static func genreMatrix(_ records: [TrackRecord]) throws -> FeatureMatrix {
        let columns = GenreTrainer.audioColumns
        let values = records.flatMap { record in let v = audioValues(record); return columns.map { v[$0]! } }
        return try FeatureMatrix(rowCount: records.count, columnCount: columns.count, values: values, columnNames: columns)
    }

    static func popularityMatrix(_ records: [TrackRecord], artists: [[Int64]], albums: [Int64?], model: PopularityModel) throws -> FeatureMatrix {
        let rows = records.map(PopularityTrainer.features(of:))
        return try model.matrix(audio: rows.map(\.audio), genres: rows.map(\.genre), artists: artists, albums: albums)
    }
}
