import Core
import Foundation
import GRDB
import Learning
import Store

/// Each track's exact top-k nearest neighbours in standardized audio space, for recommendations: one per song.
/// The dumps repeat a song under several ids (single, album, compilation) with the same audio, so the nearest
/// rows are often copies of the track itself or of one other song; those are skipped, and the table lists
/// the k nearest other songs (each by its nearest copy).
public struct NeighbourTrainer: Sendable {
    public var neighbours = 10
    /// Neighbours searched per track beyond k, to make room for the skipped copies.
    public var searchMargin = 20

    public init() {}

    func fit(_ db: Database) throws -> TaskResult {
        let started = Date()
        let space = try AudioSpace.read(db)
        guard space.trackIDs.count > neighbours else {
            throw AnalyticsError.notAnswerable("\(neighbours) neighbours per track need more than \(neighbours) tracks with audio features")
        }
        let searched = min(neighbours + searchMargin, space.trackIDs.count - 1)
        let table = try NearestNeighbours(metric: .euclidean).fit(space.standardized).allNeighbours(k: searched)
        // Each track's song, folded once (a neighbour list checks thousands).
        var song: [String: SongKey] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT track_id, track_name, artists FROM v_tracks") {
            song[row["track_id"]] = SongKey(title: row["track_name"] ?? "", artists: (row["artists"] as String?)?.split(separator: ";").map(String.init) ?? [])
        }
        // A track with no name is a song of its own.
        func insert(_ id: String, into songs: inout SongSet) -> Bool {
            guard let key = song[id] else { return true }
            return songs.insert(key)
        }
        // Per track: the nearest neighbour of each other song, k of them (fewer only if the search ran out).
        var kept: [[(index: Int, distance: Double)]] = []
        kept.reserveCapacity(space.trackIDs.count)
        var skipped = 0, short = 0
        for r in 0..<space.trackIDs.count {
            var songs = SongSet()
            _ = insert(space.trackIDs[r], into: &songs)
            var list: [(index: Int, distance: Double)] = []
            for neighbour in table.neighbours(of: r) where list.count < neighbours {
                if insert(space.trackIDs[neighbour.index], into: &songs) {
                    list.append((neighbour.index, neighbour.distance))
                } else {
                    skipped += 1
                }
            }
            if list.count < neighbours { short += 1 }
            kept.append(list)
        }
        let fitSeconds = Date().timeIntervalSince(started)
        let total = kept.reduce(0.0) { $0 + ($1.first?.distance ?? 0) }
        let metrics: [String: Any] = ["k": neighbours, "tracks": space.trackIDs.count,
                                      "mean_nearest_distance": JSON.round(total / Double(space.trackIDs.count), 5),
                                      "copies_skipped": skipped, "tracks_with_fewer_than_k": short,
                                      "tracks_without_audio_skipped": try AudioSpace.tracksWithoutAudio(db, space: space)]
        return TaskResult(
            task: .neighbours, featureSet: .audio, algorithm: "exact-knn-euclidean",
            hyperparameters: ["k": neighbours, "searched": searched, "one_per_song": true, "metric": "euclidean",
                              "features": AudioSpace.columns, "standardized": true],
            metrics: metrics, score: nil, scoreName: "", dataRows: space.trackIDs.count, trainRows: space.trackIDs.count,
            testRows: 0, blob: nil, fitSeconds: fitSeconds,
            writeOutputs: { db, runID in
                let writer = try NeighbourListWriter(db, runID: runID)
                for (r, id) in space.trackIDs.enumerated() {
                    try writer.write(trackID: id, neighbours: kept[r].map { (space.trackIDs[$0.index], $0.distance) })
                }
            },
            scoreChampion: { _ in nil })
    }
}
