import Core
import GRDB

/// The neighbour-list rule of training and of coverage after a retrain: the k nearest other songs (`SameSong`), each
/// by its nearest copy, never a copy of the track's own song. The dumps repeat a song under several ids.
struct SongNeighbours {
    /// Each track's song, folded once (a list checks thousands); a track with no name is a song of its own.
    let songOfTrack: [String: SongKey]

    static func read(_ db: Database) throws -> SongNeighbours {
        var songs: [String: SongKey] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT track_id, track_name, artists FROM v_tracks") {
            songs[row["track_id"]] = SongKey(title: row["track_name"] ?? "", artists: (row["artists"] as String?)?.split(separator: ";").map(String.init) ?? [])
        }
        return SongNeighbours(songOfTrack: songs)
    }

    /// The first `k` of `candidates` (nearest first) that are other songs than `owner`'s and than each other, and how
    /// many copies were skipped on the way.
    func list(_ k: Int, of candidates: some Sequence<(id: String, distance: Double)>, owner: String)
        -> (kept: [(id: String, distance: Double)], skipped: Int) {
        var songs = SongSet()
        if let key = songOfTrack[owner] { songs.insert(key) }
        var kept: [(id: String, distance: Double)] = [], seen = Set<String>(), skipped = 0
        for candidate in candidates where kept.count < k {
            guard candidate.id != owner, seen.insert(candidate.id).inserted else { continue }
            if let key = songOfTrack[candidate.id], !songs.insert(key) { skipped += 1; continue }
            kept.append(candidate)
        }
        return (kept, skipped)
    }
}
