import Core
import GRDB

/// Warehouse tracks as the `TrackRecord`s the champions answer (`Predictor`): what `explain` asks about one track and
/// what champion coverage answers for the tracks a champion's outputs lack, read one way so both answer alike.
enum WarehouseTrackRecords {
    /// The records of `trackIDs` the warehouse holds, in that order (unknown ids are left out).
    static func read(_ db: Database, trackIDs: [String]) throws -> [TrackRecord] {
        var records: [String: TrackRecord] = [:]
        for start in stride(from: 0, to: trackIDs.count, by: 2000) {
            let chunk = Array(trackIDs[start..<min(trackIDs.count, start + 2000)])
            let ids = RecommendationEngine.json(chunk)
            var artists: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT ta.track_id, a.name FROM json_each(?) j JOIN track_artists ta ON ta.track_id = j.value
                JOIN artists a USING (artist_id) ORDER BY ta.track_id, ta.position
                """, arguments: [ids]) {
                artists[row[0], default: []].append(row[1])
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT v.*, al.spotify_album_id FROM json_each(?) j JOIN v_tracks v ON v.track_id = j.value
                JOIN tracks t ON t.track_id = v.track_id LEFT JOIN albums al ON al.album_id = t.album_id
                """, arguments: [ids]) {
                let id: String = row["track_id"]
                var record = TrackRecord(trackID: id, name: row["track_name"], artists: artists[id] ?? [], albumName: row["album_name"],
                                         genres: (row["genres"] as String?)?.split(separator: ";").map(String.init) ?? [],
                                         popularity: row["popularity"], durationMs: row["duration_ms"], explicit: row["explicit"])
                var f = AudioFeatures()
                f.danceability = row["danceability"]; f.energy = row["energy"]; f.key = row["key"]; f.loudness = row["loudness"]
                f.mode = row["mode"]; f.speechiness = row["speechiness"]; f.acousticness = row["acousticness"]
                f.instrumentalness = row["instrumentalness"]; f.liveness = row["liveness"]; f.valence = row["valence"]
                f.tempo = row["tempo"]; f.timeSignature = row["time_signature"]
                record.features = f
                // The album as the warehouse keys it (by Spotify's album id when a dump gave one), as prediction looks it up.
                record.spotifyAlbumID = row["spotify_album_id"]
                records[id] = record
            }
        }
        return trackIDs.compactMap { records[$0] }
    }
}
