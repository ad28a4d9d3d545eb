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
        // Per track: the nearest neighbour of each other song, k of them (fewer only if the search ran out).
        var kept: [[(id: String, distance: Double)]] = []
        kept.reserveCapacity(space.trackIDs.count)
        var skipped = 0, short = 0
        for list in try Self.lists(neighbours, searched: searched, in: space, songs: try SongNeighbours.read(db)) {
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

    /// The search training and coverage share: for each of `queries` (rows of `space`; nil for every row), its
    /// `searched` nearest other rows by an exact index over all of `space`, cut to the `k` nearest other songs.
    static func lists(_ k: Int, searched: Int, of queries: [Int]? = nil, in space: AudioSpace, songs: SongNeighbours) throws
        -> [(kept: [(id: String, distance: Double)], skipped: Int)] {
        let index = try NearestNeighbours(metric: .euclidean).fit(space.standardized)
        let ids = space.trackIDs
        guard let queries else {
            let table = try index.allNeighbours(k: searched)
            return ids.indices.map { r in songs.list(k, of: table.neighbours(of: r).lazy.map { (ids[$0.index], $0.distance) }, owner: ids[r]) }
        }
        // A query row finds itself too: one more, which the list skips as its owner.
        let table = try index.query(try points(queries, of: space), k: min(searched + 1, ids.count))
        return queries.indices.map { q in
            songs.list(k, of: table.neighbours(of: q).lazy.map { (ids[$0.index], $0.distance) }, owner: ids[queries[q]])
        }
    }

    /// Rows of `space`'s standardized matrix, in the order given: the points a search asks about.
    static func points(_ rows: [Int], of space: AudioSpace) throws -> FeatureMatrix {
        let d = AudioSpace.columns.count, x = space.standardized.values
        return try FeatureMatrix(rowCount: rows.count, columnCount: d, values: rows.flatMap { x[($0 * d)..<(($0 + 1) * d)] },
                                 columnNames: AudioSpace.columns)
    }
}
