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
        // Per track: the nearest neighbour of each other song, k of them (fewer only if the search ran out).
        let songs = try SongNeighbours.read(db)
        var kept: [[(id: String, distance: Double)]] = []
        kept.reserveCapacity(space.trackIDs.count)
        var skipped = 0, short = 0
        for r in 0..<space.trackIDs.count {
            let list = songs.list(neighbours, of: table.neighbours(of: r).lazy.map { (space.trackIDs[$0.index], $0.distance) },
                                  owner: space.trackIDs[r])
            skipped += list.skipped
            if list.kept.count < neighbours { short += 1 }
            kept.append(list.kept)
        }
        let fitSeconds = Date().timeIntervalSince(started)
        let total = kept.reduce(0.0) { $0 + ($1.first?.distance ?? 0) }
        let metrics = RunMetrics.NeighbourMetrics(k: neighbours, tracks: space.trackIDs.count,
                                                  meanNearestDistance: JSON.round(total / Double(space.trackIDs.count), 5),
                                                  copiesSkipped: skipped, tracksWithFewerThanK: short,
                                                  tracksWithoutAudioSkipped: try AudioSpace.tracksWithoutAudio(db, space: space))
        return TaskResult(
            task: .neighbours, featureSet: .audio, algorithm: "exact-knn-euclidean",
            hyperparameters: .neighbours(.init(k: neighbours, searched: searched, onePerSong: true, metric: "euclidean",
                                               features: AudioSpace.columns, standardized: true)),
            metrics: .neighbours(metrics), score: nil, scoreName: "", dataRows: space.trackIDs.count, trainRows: space.trackIDs.count,
            testRows: 0, blob: nil, fitSeconds: fitSeconds,
            writeOutputs: { db, runID in
                let writer = try NeighbourListWriter(db, runID: runID)
                for (r, id) in space.trackIDs.enumerated() {
                    try writer.write(trackID: id, neighbours: kept[r])
                }
            },
            scoreChampion: { _ in nil })
    }
}
