import Core
import GRDB
@_spi(WarehouseSQL) import Store

/// What the engine recommends for, whatever the seed: weighted seed tracks (a seed track or a playlist's member
/// weighs 1, a history's or a listener's track its plays' `PlayWeight`), the tracks and songs that never come back,
/// the genre labels, and how the reasons speak.
struct TasteProfile {
    var weights: [String: Double]
    /// Tracks that are never candidates (their songs never come back either).
    var excluded: Set<String>
    /// More songs that never come back (a listener's plays of tracks the warehouse lacks).
    var excludedSongs: [SongKey] = []
    var genres: Set<String> = []
    var subgenres: Set<String> = []
    /// The playlist being continued, left out of the other playlists' evidence.
    var otherThan: Int64?
    var voice: Voice
    /// The artists' weights when they are not just the seed tracks' (a listener's, from all their plays).
    var artistWeights: [Int64: Double]?
    var subject: RecommendationSubject

    enum Voice {
        /// "by X, who has 2 tracks in the playlist": the seeds as a group named `group` ("the playlist", "the seeds").
        case members(group: String)
        /// "you played X 41 times": plays of each artist and of each track.
        case listener(artistPlays: [Int64: Int], trackPlays: [String: Int])
    }

    /// The profile of any seed: the one place a seed kind becomes a profile.
    static func of(_ seed: RecommendationSeed, in db: Database) throws -> TasteProfile {
        switch seed {
        case let .tracks(queries, artist, history): return try tracks(queries, artist: artist, history: history, in: db)
        case let .playlist(query): return try playlist(NameLookup.playlist(query, in: db), in: db)
        case let .listener(name): return try ListenerTaste.read(name, in: db).profile()
        }
    }

    /// Seed tracks, an artist's tracks and a history's lines (matched by the one `PlayMatcher`), each track weighing
    /// how often it was named, or its plays' weight. A track seed is a one-track profile with every kind of evidence.
    static func tracks(_ queries: [String], artist: String?, history: [HistoryLine], in db: Database) throws -> TasteProfile {
        var weights: [String: Double] = [:]
        for query in queries { weights[try NameLookup.track(query, in: db).trackID, default: 0] += 1 }
        var artistName: String?
        if let artist {
            let name = try NameLookup.artist(artist, in: db)
            for id in try String.fetchAll(db, sql: """
                SELECT ta.track_id FROM track_artists ta JOIN artists a USING (artist_id) WHERE a.name = ?
                """, arguments: [name]) { weights[id, default: 0] += 1 }
            artistName = name
        }
        var unmatched: [String] = []
        if !history.isEmpty {
            let matcher = try PlayMatcher(db)
            for line in history {
                if let id = line.query.flatMap(matcher.match) ?? line.fallback.flatMap(matcher.match) {
                    weights[id, default: 0] += line.weight
                } else {
                    unmatched.append(line.label)
                }
            }
        }
        // Every line named is left out of the results; only tracks liked on balance seed the profile.
        let named = Set(weights.keys)
        weights = weights.filter { $0.value > 0 }
        guard !weights.isEmpty else {
            throw AnalyticsError.notAnswerable(history.isEmpty ? "give at least one seed track, an artist or a history file"
                                                               : "no line of the history matched a track in the warehouse")
        }
        return TasteProfile(weights: weights, excluded: named, voice: .members(group: "the seeds"),
                            subject: .tracks(count: named.count, artist: artistName, unmatched: unmatched))
    }

    /// A playlist's tracks, each weighing 1, with its genre labels; other playlists' evidence leaves it out.
    static func playlist(_ playlist: PlaylistSummary, in db: Database) throws -> TasteProfile {
        let members = try String.fetchAll(db, sql: "SELECT track_id FROM playlist_tracks WHERE playlist_id = ? ORDER BY position",
                                          arguments: [playlist.playlistID])
        guard !members.isEmpty else { throw AnalyticsError.notAnswerable("the playlist '\(playlist.name)' has no tracks to continue") }
        return TasteProfile(weights: Dictionary(members.map { ($0, 1.0) }, uniquingKeysWith: +), excluded: Set(members),
                            genres: RecommendationEngine.labels(playlist.genre), subgenres: RecommendationEngine.labels(playlist.subgenre),
                            otherThan: playlist.playlistID, voice: .members(group: "the playlist"), subject: .playlist(playlist))
    }
}
