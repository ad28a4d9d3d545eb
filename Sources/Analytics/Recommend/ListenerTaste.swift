import Core
import GRDB
import Store

/// A listener's taste, from their plays in `v_listens`, each weighed by `PlayWeight` (minutes listened, skips against,
/// a 90-day half-life back from their latest play): per track and per artist, the plays behind them, and every song
/// they played (which a recommendation never returns).
public struct ListenerTaste: Sendable {
    public var listener: String
    public var plays = 0
    public var skips = 0
    public var minutes = 0.0
    /// The latest play, ISO-8601 UTC.
    public var latest: String?
    /// Plays the warehouse holds the track of.
    public var matchedPlays = 0
    /// Net weight per warehouse track (negative when skips outweigh listening).
    var trackWeight: [String: Double] = [:]
    /// Plays that were not skips, per track and per artist.
    var trackPlays: [String: Int] = [:]
    var artistPlays: [Int64: Int] = [:]
    /// Net weight per artist: their tracks' plays, and plays of tracks the warehouse lacks credited by name.
    var artistWeight: [Int64: Double] = [:]
    /// Every warehouse track played, and the songs of plays the warehouse has no track for.
    var playedTracks: Set<String> = []
    var playedSongs: [SongKey] = []

    /// How many of the most-liked tracks and artists seed the blend.
    static let seedTracks = 100
    static let seedArtists = 50

    /// The listener's plays, one pass; throws `unknownListener` (with the known listeners) when there are none.
    static func read(_ listener: String, in db: Database) throws -> ListenerTaste {
        let name = try listenerName(listener, in: db)
        var taste = ListenerTaste(listener: name)
        taste.latest = try String.fetchOne(db, sql: "SELECT max(played_at) FROM listens WHERE listener = ?", arguments: [name])
        let latest = taste.latest.flatMap(PlayWeight.instant)
        var byName: [String: (weight: Double, plays: Int)] = [:]
        var unmatched: Set<[String]> = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT played_at, ms_played, skipped, reason_end, track_id, artist_name, track_name FROM v_listens WHERE listener = ?
            """, arguments: [name])
        while let row = try rows.next() {
            let ms: Int = row[1], skipped: Bool? = row[2], reasonEnd: String? = row[3]
            let trackID: String? = row[4], artist: String? = row[5], title: String = row[6]
            let skip = PlayWeight.isSkip(msPlayed: ms, skipped: skipped, reasonEnd: reasonEnd)
            let weight = PlayWeight.weight(msPlayed: ms, skipped: skipped, reasonEnd: reasonEnd, playedAt: row[0], latest: latest)
            taste.plays += 1
            taste.minutes += Double(ms) / 60_000
            if skip { taste.skips += 1 }
            if let trackID {
                taste.matchedPlays += 1
                taste.playedTracks.insert(trackID)
                taste.trackWeight[trackID, default: 0] += weight
                if !skip { taste.trackPlays[trackID, default: 0] += 1 }
            } else {
                if let artist {
                    byName[artist, default: (0, 0)].weight += weight
                    if !skip { byName[artist, default: (0, 0)].plays += 1 }
                }
                if !title.isEmpty { unmatched.insert([title, artist ?? ""]) }
            }
        }
        taste.playedSongs = unmatched.map { SongKey(title: $0[0], artists: $0[1].isEmpty ? [] : [$0[1]]) }
        // Artists: credited on the tracks played, or named by plays of tracks the warehouse lacks.
        let credits = try RecommendationEngine.artists(db, of: Array(taste.trackWeight.keys))
        for (track, weight) in taste.trackWeight {
            for artist in Set(credits[track] ?? []) {
                taste.artistWeight[artist, default: 0] += weight
                taste.artistPlays[artist, default: 0] += taste.trackPlays[track] ?? 0
            }
        }
        if !byName.isEmpty {
            // Exports spell artists in their own case ("GEN HOSHINO"): matched without case, in one scan of artists.
            var named: [String: (weight: Double, plays: Int)] = [:]
            for (artist, value) in byName {
                named[artist.lowercased(), default: (0, 0)].weight += value.weight
                named[artist.lowercased(), default: (0, 0)].plays += value.plays
            }
            for row in try Row.fetchAll(db, sql: "SELECT artist_id, name FROM artists WHERE lower(name) IN (SELECT lower(value) FROM json_each(?))",
                                        arguments: [RecommendationEngine.json(Array(byName.keys))]) {
                let id: Int64 = row[0], artist: String = row[1]
                guard let value = named[artist.lowercased()] else { continue }
                taste.artistWeight[id, default: 0] += value.weight
                taste.artistPlays[id, default: 0] += value.plays
            }
        }
        return taste
    }

    /// The listener as the warehouse spells them (case ignored), or `unknownListener` with the near misses.
    static func listenerName(_ listener: String, in db: Database) throws -> String {
        let known = try String.fetchAll(db, sql: "SELECT DISTINCT listener FROM listens ORDER BY listener")
        guard let name = known.first(where: { $0 == listener }) ?? known.first(where: { $0.lowercased() == listener.lowercased() }) else {
            throw AnalyticsError.unknownListener(listener, suggestions: NearMiss.suggestions(for: listener, among: known))
        }
        return name
    }

    /// The profile: the most-liked tracks (positive weight only) and the most-liked artists (those the listener
    /// likes on balance); every track and song played is left out. Throws when nothing is liked that the warehouse holds.
    func profile() throws -> TasteProfile {
        let liked = TopK.largest(trackWeight.filter { $0.value > 0 }, count: Self.seedTracks)
        let artists = TopK.largest(artistWeight.filter { $0.value > 0 }, count: Self.seedArtists)
        guard !liked.isEmpty || !artists.isEmpty else {
            throw AnalyticsError.notAnswerable("none of \(listener)'s \(plays) plays is of a track or artist the warehouse holds "
                + "(or every one was skipped), so there is no taste to recommend from")
        }
        let summary = ListenerSummary(listener: listener, plays: plays, skips: skips, minutes: minutes, matchedPlays: matchedPlays, latest: latest)
        var profile = TasteProfile(
            weights: Dictionary(uniqueKeysWithValues: liked.map { ($0.key, $0.value) }), excluded: playedTracks,
            excludedSongs: playedSongs, voice: .listener(artistPlays: artistPlays, trackPlays: trackPlays), subject: .listener(summary))
        profile.artistWeights = Dictionary(uniqueKeysWithValues: artists.map { ($0.key, $0.value) })
        return profile
    }
}
