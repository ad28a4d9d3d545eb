import Core
import Foundation
import GRDB
import Store

/// The one recommendation engine: every seed (tracks, an artist, a history file, a playlist, a listener) becomes a
/// `TasteProfile`, and its answer is the tracks not in the profile (one per song, never another recording of a seed's
/// song), scored by a weighted blend of evidence (`RecommendationEvidence`), each kind scaled to 0...1 over the
/// candidates:
///
/// - artists: the share of the profile's weight on tracks that credit one of the candidate's artists;
/// - album: the share of the profile's weight on tracks from the candidate's album;
/// - neighbours: artists that appear in other playlists with the profile's artists, each shared playlist counting
///   its overlap with the profile's artists over the square root of its own artist count;
/// - co-occurrence: other playlists that share tracks with the profile vote for their other tracks, a vote worth the
///   overlap over the square root of the voter's length, and a candidate's votes are damped by its inverse playlist
///   frequency (log(1 + playlists / playlists holding it)), so tracks in every playlist do not win by being there;
/// - audio: closeness to the profile's mean point in the standardized audio space (`AudioSpace`),
///   exp(-d² / 9) for a distance d over the nine features;
/// - genre: other playlists with the profile's subgenre (1) or only its genre (0.5) holding the candidate;
/// - popularity: Spotify popularity / 100.
///
/// Candidates are every track reached by the artist, album, neighbour, co-occurrence and genre evidence, plus the `audioPool` tracks
/// nearest the profile and the `popularPool` most popular ones. `jukebox recommend` (every seed kind), the web app's
/// Recommend and Listening pages, the report and the playlist write-back all call `recommend`.
public struct RecommendationEngine {
    /// How many of the nearest tracks to the profile's audio point become candidates.
    public var audioPool = 300
    /// How many of the most popular tracks become candidates.
    public var popularPool = 300
    /// How many of the tracks with the most same-genre playlist evidence become candidates.
    public var genrePool = 300
    /// How many neighbour artists lend their tracks as candidates.
    public var neighbourArtists = 50

    public init() {}

    /// `space` gives the loaded audio space when the caller keeps one (the web app, several playlists in one run);
    /// without it the engine reads only the audio it needs.
    func recommend(_ request: RecommendationRequest, in db: Database,
                   space: (() throws -> AudioSpace)? = nil) throws -> RecommendationAnswer {
        let profile = try TasteProfile.of(request.seed, in: db)
        let blended = try blend(profile, count: request.count, filters: request.filters, weights: request.weights, in: db, space: space)
        return RecommendationAnswer(subject: profile.subject, results: blended.results, candidates: blended.candidates)
    }

    /// The blend itself, for any profile.
    func blend(_ seeds: TasteProfile, count: Int, filters: RecommendationFilters, weights: RecommendationWeights, in db: Database,
               space: (() throws -> AudioSpace)?) throws -> (results: [Recommendation], candidates: Int) {
        let members = seeds.weights.keys.sorted()
        let seedWeight = seeds.weights
        let totalWeight = max(seedWeight.values.reduce(0, +), .leastNonzeroMagnitude)
        let memberSet = Set(members)
        let excluded = seeds.excluded.union(memberSet)
        // Other playlists are read only for the evidence that looks at them.
        let graph = weights[.neighbours] > 0 || weights[.cooccurrence] > 0 || weights[.genre] > 0
            ? try PlaylistGraph.read(db, excluding: seeds.otherThan ?? -1) : PlaylistGraph()

        // Raw evidence per candidate track.
        var raw: [RecommendationEvidence: [String: Double]] = [:]
        for kind in RecommendationEvidence.allCases { raw[kind] = [:] }

        // The seeds' own artists, by the weight of the seed tracks that credit them (for a playlist, how many).
        var ownArtists: [Int64: Double] = [:]
        var ownArtistTracks: [Int64: Int] = [:]
        let memberArtists = try Self.artists(db, of: members)
        for id in members {
            for artist in Set(memberArtists[id] ?? []) { ownArtists[artist, default: 0] += seedWeight[id] ?? 0; ownArtistTracks[artist, default: 0] += 1 }
        }
        if let artistWeights = seeds.artistWeights { ownArtists = artistWeights }

        // The seeds' albums, by the weight of the seed tracks that come from them.
        var ownAlbums: [Int64: Double] = [:]
        var ownAlbumTracks: [Int64: Int] = [:]
        var albumOf: [String: Int64] = [:]
        var memberAlbum: [String: Int64] = [:]
        if weights[.album] > 0 {
            for row in try Row.fetchAll(db, sql: "SELECT t.track_id, t.album_id FROM json_each(?) j JOIN tracks t ON t.track_id = j.value",
                                        arguments: [Self.json(members)]) {
                if let album: Int64 = row[1] {
                    ownAlbums[album, default: 0] += seedWeight[row[0]] ?? 0
                    ownAlbumTracks[album, default: 0] += 1
                    memberAlbum[row[0]] = album
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT t.track_id, t.album_id FROM json_each(?) j JOIN tracks t ON t.album_id = j.value",
                                        arguments: [Self.json(Array(ownAlbums.keys))]) {
                let track: String = row[0]
                guard !excluded.contains(track) else { continue }
                albumOf[track] = row[1]
                raw[.album]![track] = (ownAlbums[row[1]] ?? 0) / totalWeight
            }
        }

        // Neighbour artists: other playlists that share artists with the seeds.
        var neighbour: [Int64: Double] = [:]
        var links: [Int64: [Int64: Int]] = [:]   // neighbour artist -> own artist -> playlists shared
        if weights[.neighbours] > 0 {
            for (_, artists) in graph.artistsOf {
                let shared = artists.filter { ownArtists[$0] != nil }
                guard !shared.isEmpty else { continue }
                let vote = Double(shared.count) / Double(artists.count).squareRoot()
                for b in artists where ownArtists[b] == nil {
                    neighbour[b, default: 0] += vote
                    for a in shared { links[b, default: [:]][a, default: 0] += 1 }
                }
            }
        }
        let topNeighbours = TopK.largest(neighbour, count: neighbourArtists).map(\.key)

        // Item co-occurrence across the other playlists, with inverse playlist frequency damping.
        if weights[.cooccurrence] > 0 {
            var votes: [String: Double] = [:]
            for tracks in graph.tracksOf.values {
                let overlap = tracks.reduce(0) { $0 + (seedWeight[$1] ?? 0) }
                guard overlap > 0 else { continue }
                let vote = overlap / Double(tracks.count).squareRoot()
                for track in tracks where !excluded.contains(track) { votes[track, default: 0] += vote }
            }
            let playlists = Double(graph.tracksOf.count + 1)
            for (track, vote) in votes {
                raw[.cooccurrence]![track] = vote * log(1 + playlists / Double(max(1, graph.playlistsOf[track]?.count ?? 1)))
            }
        }

        // The seeds' genre and subgenre, in other playlists.
        let genres = seeds.genres, subgenres = seeds.subgenres
        if weights[.genre] > 0, !genres.isEmpty || !subgenres.isEmpty {
            for (playlistID, tracks) in graph.tracksOf {
                let label = graph.labels[playlistID]
                let vote = !(label?.subgenres.isDisjoint(with: subgenres) ?? true) ? 1.0
                    : !(label?.genres.isDisjoint(with: genres) ?? true) ? 0.5 : 0
                guard vote > 0 else { continue }
                for track in tracks where !excluded.contains(track) { raw[.genre]![track, default: 0] += vote }
            }
        }

        // The candidates: tracks by own and neighbour artists, co-occurring, same-genre, near in sound, popular.
        var pool = Set<String>()
        let artistTracks = try Self.tracks(db, byArtists: Array(ownArtists.keys) + (weights[.neighbours] > 0 ? topNeighbours : []))
        pool.formUnion(artistTracks)
        pool.formUnion(raw[.album]!.keys)
        pool.formUnion(raw[.cooccurrence]!.keys)
        // Same-genre playlists can hold thousands of tracks: the strongest `genrePool` of them (then the most popular
        // by id order for ties) become candidates; the others keep no genre evidence.
        if raw[.genre]!.count > genrePool {
            let kept = TopK.largest(raw[.genre]!, count: genrePool)
            raw[.genre] = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
        }
        pool.formUnion(raw[.genre]!.keys)
        var audio: BlendAudio?
        if weights[.audio] > 0 {
            audio = try BlendAudio.make(db, seeds: members, weights: seedWeight, nearest: audioPool + excluded.count, space: try space?())
            if let audio { pool.formUnion(audio.nearest) }
        }
        if weights[.popularity] > 0 {
            // The most popular tracks not excluded. A listener's excluded tracks run to thousands: for them the pool
            // stops at the popular tracks it needs rather than growing with every track they played.
            let keep = seeds.otherThan == nil ? 2 * popularPool + members.count : Int.max
            let popular = try String.fetchCursor(db, sql: """
                SELECT track_id FROM popularity_observations ORDER BY popularity DESC, track_id LIMIT ?
                """, arguments: [2 * (popularPool + excluded.count)])
            var kept = 0
            while kept < keep, let id = try popular.next() {
                guard !excluded.contains(id) else { continue }
                pool.insert(id)
                kept += 1
            }
        }
        pool.subtract(excluded)
        let candidates = Array(pool)
        let candidateArtists = try Self.artists(db, of: candidates)
        let popularity = try Self.popularity(db, of: candidates)
        let audioPoints = try audio?.points(candidates) ?? [:]
        let distance: (String) -> Double? = { id in
            guard let audio, let point = audioPoints[id] else { return nil }
            return BlendAudio.squared(point, audio.profile).squareRoot()
        }
        let closest: (String) -> [String] = { id in
            guard let audio, let point = audioPoints[id] else { return [] }
            return BlendAudio.closestFeatures(point, audio.profile)
        }
        for id in candidates {
            let artists = candidateArtists[id] ?? []
            let own = Set(artists).reduce(0) { $0 + (ownArtists[$1] ?? 0) }
            if own > 0 { raw[.artists]![id] = own / totalWeight }
            let near = artists.map { neighbour[$0] ?? 0 }.max() ?? 0
            if near > 0, weights[.neighbours] > 0 { raw[.neighbours]![id] = near }
            if let d = distance(id) { raw[.audio]![id] = exp(-d * d / 9) }
            if let value = popularity[id] { raw[.popularity]![id] = Double(value) / 100 }
        }

        // Scale each kind to 0...1 over the candidates and blend.
        var scaled: [RecommendationEvidence: [String: Double]] = [:]
        for kind in RecommendationEvidence.allCases {
            let values = raw[kind]!
            let top = values.values.max() ?? 0
            scaled[kind] = top > 0 ? values.mapValues { $0 / top } : [:]
        }
        let scored = candidates.map { id -> (id: String, score: Double) in
            (id, RecommendationEvidence.allCases.reduce(0) { $0 + weights[$1] * (scaled[$1]![id] ?? 0) })
        }.filter { $0.score > 0 }
            .sorted { ($0.score, popularity[$0.id] ?? -1, $1.id) > ($1.score, popularity[$1.id] ?? -1, $0.id) }

        // Walk down the ranking: filters, one track per song, never an excluded track's song.
        let excludedList = Array(excluded)
        let excludedArtists = try Self.artists(db, of: excludedList.filter { !memberSet.contains($0) }).merging(memberArtists) { a, _ in a }
        let names = try Self.names(db, tracks: candidates + excludedList,
                                   artists: Array(Set(candidateArtists.values.joined()).union(excludedArtists.values.joined())))
        // The excluded songs, folded lazily: a candidate can only be the same song as an excluded track that shares
        // a credited artist, so an excluded track is folded when a candidate by one of its artists comes up (a
        // listener's thousands of played tracks are not all folded for ten answers).
        var songs = SongSet()
        for song in seeds.excludedSongs { songs.insert(song) }
        var foldedArtist: [Int64: String] = [:]
        func folded(_ artist: Int64) -> String {
            if let name = foldedArtist[artist] { return name }
            let name = SameSong.artist(names.artists[artist] ?? "")
            foldedArtist[artist] = name
            return name
        }
        var excludedByArtist: [String: [String]] = [:]
        for id in excludedList { for artist in Set(excludedArtists[id] ?? []) { excludedByArtist[folded(artist), default: []].append(id) } }
        var loadedArtists = Set<String>()
        func loadExcludedSongs(of artists: [Int64]) {
            for artist in artists.map(folded) where loadedArtists.insert(artist).inserted {
                for id in excludedByArtist[artist] ?? [] {
                    if let track = names.tracks[id] { songs.insert(title: track.name, artists: (excludedArtists[id] ?? []).compactMap { names.artists[$0] }) }
                }
            }
        }
        let genreTracks = try filters.genre.map { try Self.tracks(db, inGenre: $0) }
        var perArtist: [String: Int] = [:]
        var chosen: [(id: String, score: Double)] = []
        for candidate in scored where chosen.count < count {
            guard let track = names.tracks[candidate.id] else { continue }
            let artists = (candidateArtists[candidate.id] ?? []).compactMap { names.artists[$0] }
            if let genreTracks, !genreTracks.contains(candidate.id) { continue }
            guard filters.admits(artists: artists, explicit: track.explicit, popularity: popularity[candidate.id]) else { continue }
            if let cap = filters.maxPerArtist, let lead = artists.first, perArtist[lead, default: 0] >= cap { continue }
            loadExcludedSongs(of: candidateArtists[candidate.id] ?? [])
            guard songs.insert(title: track.name, artists: artists) else { continue }
            if let lead = artists.first { perArtist[lead, default: 0] += 1 }
            chosen.append(candidate)
        }

        // The reasons, strongest evidence first.
        let info = try Self.metadata(db, ids: chosen.map(\.id))
        let results = chosen.compactMap { candidate -> Recommendation? in
            guard let track = info[candidate.id] else { return nil }
            let evidence = Dictionary(uniqueKeysWithValues: RecommendationEvidence.allCases.compactMap { kind in
                scaled[kind]![candidate.id].map { (kind, $0) }
            })
            var reasons: [(Double, String)] = []
            for (kind, value) in evidence where weights[kind] > 0 && value > 0 {
                let text: String?
                switch kind {
                case .artists:
                    let shared = Set(candidateArtists[candidate.id] ?? []).filter { ownArtists[$0] != nil }
                        .sorted { (ownArtists[$0]!, $1) > (ownArtists[$1]!, $0) }
                    switch seeds.voice {
                    case let .members(group):
                        if shared.count == 1, let a = shared.first {
                            text = "by \(names.artists[a] ?? "?"), who has \(Self.count(ownArtistTracks[a] ?? 0, "track")) in \(group)"
                        } else {
                            text = "\(shared.count) of \(group)\(group.hasSuffix("s") ? "'" : "'s") artists (" + shared.compactMap { names.artists[$0] }.joined(separator: ", ") + ")"
                        }
                    case let .listener(artistPlays, _):
                        text = "you played " + shared.prefix(3).map { a in
                            "\(names.artists[a] ?? "?") \(Self.count(artistPlays[a] ?? 0, "time"))"
                        }.joined(separator: " and ")
                    }
                case .album:
                    let album = albumOf[candidate.id]
                    switch seeds.voice {
                    case let .members(group):
                        text = "from the album of \(Self.count(album.flatMap { ownAlbumTracks[$0] } ?? 0, "track")) in \(group)"
                    case let .listener(_, trackPlays):
                        let plays = members.reduce(0) { $0 + (album != nil && memberAlbum[$1] == album ? trackPlays[$1] ?? 0 : 0) }
                        text = "from an album you played \(Self.count(plays, "time"))"
                    }
                case .neighbours:
                    let artists = candidateArtists[candidate.id] ?? []
                    if let b = artists.max(by: { (neighbour[$0] ?? 0, $1) < (neighbour[$1] ?? 0, $0) }),
                       let link = links[b]?.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
                        text = "\(names.artists[b] ?? "?") shares \(Self.count(link.value, "playlist")) with \(names.artists[link.key] ?? "?")"
                    } else { text = nil }
                case .cooccurrence:
                    var shared: [String: Int] = [:]
                    for playlistID in graph.playlistsOf[candidate.id] ?? [] {
                        for member in graph.tracksOf[playlistID] ?? [] where memberSet.contains(member) { shared[member, default: 0] += 1 }
                    }
                    if let best = shared.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
                        let name = names.tracks[best.key]?.name ?? best.key
                        text = best.value == 1 ? "in a playlist with '\(name)'" : "in \(best.value) playlists with '\(name)'"
                    } else { text = nil }
                case .audio:
                    let features = closest(candidate.id).prefix(2)
                    text = value >= 0.5 && features.count == 2 ? "close in \(features.first!) and \(features.last!)" : nil
                case .genre:
                    let label = subgenres.isEmpty ? genres : subgenres
                    let holding = (graph.playlistsOf[candidate.id] ?? []).filter { id in
                        guard let l = graph.labels[id] else { return false }
                        return !(subgenres.isEmpty ? l.genres : l.subgenres).isDisjoint(with: label)
                    }.count
                    text = holding > 0 ? "in \(Self.count(holding, "other '\(label.sorted().joined(separator: "/"))' playlist"))" : nil
                case .popularity:
                    text = "popular (\(popularity[candidate.id] ?? 0))"
                }
                if let text { reasons.append((weights[kind] * value, text)) }
            }
            reasons.sort { $0.0 > $1.0 }
            // Popularity is a prior: named only when nothing else speaks for the track.
            var words = reasons.map(\.1).filter { !$0.hasPrefix("popular (") }
            if words.isEmpty { words = reasons.map(\.1) }
            return Recommendation(trackID: track.id, trackName: track.name, artists: track.artists, genres: track.genres,
                                  popularity: track.popularity, score: candidate.score, distance: distance(candidate.id),
                                  evidence: evidence, reasons: words)
        }
        return (results, candidates.count)
    }

    // MARK: - Reads

    /// Every other playlist's tracks and artists, and each track's playlists.
    struct PlaylistGraph {
        var tracksOf: [Int64: [String]] = [:]
        var artistsOf: [Int64: Set<Int64>] = [:]
        var playlistsOf: [String: [Int64]] = [:]
        var labels: [Int64: (genres: Set<String>, subgenres: Set<String>)] = [:]

        static func read(_ db: Database, excluding playlistID: Int64) throws -> PlaylistGraph {
            var graph = PlaylistGraph()
            let rows = try Row.fetchCursor(db, sql: "SELECT playlist_id, track_id FROM playlist_tracks WHERE playlist_id <> ?",
                                           arguments: [playlistID])
            while let row = try rows.next() {
                let playlist: Int64 = row[0], track: String = row[1]
                graph.tracksOf[playlist, default: []].append(track)
                graph.playlistsOf[track, default: []].append(playlist)
            }
            let artists = try Row.fetchCursor(db, sql: """
                SELECT pt.playlist_id, ta.artist_id FROM playlist_tracks pt JOIN track_artists ta ON ta.track_id = pt.track_id
                WHERE pt.playlist_id <> ?
                """, arguments: [playlistID])
            while let row = try artists.next() { graph.artistsOf[row[0], default: []].insert(row[1]) }
            for row in try Row.fetchAll(db, sql: "SELECT playlist_id, genre, subgenre FROM playlists WHERE playlist_id <> ?",
                                        arguments: [playlistID]) {
                graph.labels[row[0]] = (RecommendationEngine.labels(row[1]), RecommendationEngine.labels(row[2]))
            }
            return graph
        }
    }

    static func labels(_ text: String?) -> Set<String> {
        Set((text ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
    }

    static func json(_ values: [some Encodable]) -> String {
        String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self)
    }

    /// A JSON array of ids for `json_each`, written directly: JSONEncoder was a tenth of a listener's recommendation.
    static func json(_ values: [String]) -> String {
        var out = "["
        out.reserveCapacity(values.count * 25 + 2)
        for (i, value) in values.enumerated() {
            if i > 0 { out += "," }
            out += "\""
            guard value.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) else { out += value + "\""; continue }
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            out += "\""
        }
        return out + "]"
    }

    static func json(_ values: [Int64]) -> String { "[" + values.map(String.init).joined(separator: ",") + "]" }

    /// Credited artists in order.
    static func artists(_ db: Database, of tracks: [String]) throws -> [String: [Int64]] {
        var artists: [String: [Int64]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT ta.track_id, ta.artist_id FROM json_each(?) j JOIN track_artists ta ON ta.track_id = j.value ORDER BY ta.track_id, ta.position
            """, arguments: [json(tracks)]) { artists[row[0], default: []].append(row[1]) }
        return artists
    }

    static func tracks(_ db: Database, byArtists artists: [Int64]) throws -> [String] {
        guard !artists.isEmpty else { return [] }
        return try String.fetchAll(db, sql: """
            SELECT DISTINCT ta.track_id FROM json_each(?) j JOIN track_artists ta ON ta.artist_id = j.value
            """, arguments: [json(artists)])
    }

    static func tracks(_ db: Database, inGenre genre: String) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: """
            SELECT tg.track_id FROM track_genres tg JOIN genres g USING (genre_id) WHERE g.name = ? COLLATE NOCASE
            """, arguments: [genre]))
    }

    /// The newest popularity reading of each track.
    static func popularity(_ db: Database, of tracks: [String]) throws -> [String: Int] {
        var popularity: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT po.track_id, po.popularity FROM json_each(?) j JOIN popularity_observations po ON po.track_id = j.value
            ORDER BY po.ingest_id
            """, arguments: [json(tracks)]) { popularity[row[0]] = row[1] }
        return popularity
    }

    /// Name, artists, genres and popularity of the chosen tracks, as `v_tracks` gives them.
    static func metadata(_ db: Database, ids: [String]) throws -> [String: (id: String, name: String, artists: [String], genres: [String], popularity: Int?)] {
        var info: [String: (id: String, name: String, artists: [String], genres: [String], popularity: Int?)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT v.track_id, v.track_name, v.artists, v.genres, v.popularity FROM json_each(?) j JOIN v_tracks v ON v.track_id = j.value
            """, arguments: [json(ids)]) {
            let id: String = row[0]
            info[id] = (id, row[1], (row[2] as String?)?.split(separator: ";").map(String.init) ?? [],
                        (row[3] as String?)?.split(separator: ";").map(String.init) ?? [], row[4])
        }
        return info
    }

    struct Names {
        var tracks: [String: (name: String, explicit: Bool?)] = [:]
        var artists: [Int64: String] = [:]
    }

    static func names(_ db: Database, tracks: [String], artists: [Int64]) throws -> Names {
        var names = Names()
        for row in try Row.fetchAll(db, sql: "SELECT t.track_id, t.name, t.explicit FROM json_each(?) j JOIN tracks t ON t.track_id = j.value",
                                    arguments: [json(tracks)]) { names.tracks[row[0]] = (row[1], row[2]) }
        for row in try Row.fetchAll(db, sql: "SELECT a.artist_id, a.name FROM json_each(?) j JOIN artists a ON a.artist_id = j.value",
                                    arguments: [json(artists)]) { names.artists[row[0]] = row[1] }
        return names
    }

    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }
}
