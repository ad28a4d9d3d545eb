import Foundation
import GRDB
@_spi(WarehouseSQL) import Store

/// The standardized `AudioSpace` as `audio_space_snapshots` keeps it: what the engine needs for its audio pool (the
/// moments and every track's standardized point, rows in track id order) in one row, so a process reads a few
/// megabytes instead of scanning and standardizing every track's features. `train` and `retrain` write it; any change
/// to `audio_features` deletes it (migration 0015's triggers), so a snapshot that exists is the space of today's data.
/// The values are the Float64s `AudioSpace.read` computes, so a kept space answers exactly as the web's loaded one.
struct AudioSpaceSnapshot {
    var means: [Double]
    var scales: [Double]
    /// Row-major standardized values, `AudioSpace.columns.count` a row.
    var points: [Double]
    var count: Int
    private var idBytes: [UInt8]
    private var idEnds: [Int32]

    /// The track id of `row`.
    func trackID(_ row: Int) -> String {
        let start = row == 0 ? 0 : Int(idEnds[row - 1])
        return String(decoding: idBytes[start..<Int(idEnds[row])], as: UTF8.self)
    }

    /// The kept space; nil when there is none (the features changed since, or nothing was trained) or its row does
    /// not hold together (then the caller scans, as without one).
    static func read(_ db: Database) throws -> AudioSpaceSnapshot? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT track_count, means, scales, points, track_ids, id_ends FROM audio_space_snapshots WHERE snapshot_id = 1
            """) else { return nil }
        let d = AudioSpace.columns.count
        let count: Int = row[0]
        guard count >= 0, let means = doubles(row[1]), let scales = doubles(row[2]), let points = doubles(row[3]),
              let idData = row[4] as Data?, let ends = int32s(row[5]),
              means.count == d, scales.count == d, points.count == count * d, ends.count == count else { return nil }
        // The id ends must rise within the id bytes, or an id would be read out of bounds.
        var last: Int32 = 0
        for end in ends { guard end >= last else { return nil }; last = end }
        guard Int(last) == idData.count else { return nil }
        return AudioSpaceSnapshot(means: means, scales: scales, points: points, count: count, idBytes: [UInt8](idData), idEnds: ends)
    }

    /// Replaces the kept space with `space` (inside the caller's write transaction).
    static func write(_ space: AudioSpace, in db: Database) throws {
        var ids = Data(), ends: [Int32] = []
        ends.reserveCapacity(space.trackIDs.count)
        for id in space.trackIDs {
            ids.append(contentsOf: Array(id.utf8))
            guard ids.count <= Int(Int32.max) else { throw AnalyticsError.notAnswerable("the audio space's track ids exceed 2 GB") }
            ends.append(Int32(ids.count))
        }
        try db.execute(sql: "DELETE FROM audio_space_snapshots")
        try db.execute(sql: """
            INSERT INTO audio_space_snapshots (snapshot_id, track_count, means, scales, points, track_ids, id_ends, written_at)
            VALUES (1, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [space.trackIDs.count, data(space.means), data(space.scales), data(space.standardized.values),
                             ids, data(ends), Timestamp.now()])
    }

    /// Keeps the space of the features as they are, unless it is kept already: `train` and `retrain` call it.
    static func refresh(_ warehouse: Warehouse) throws {
        try warehouse.pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM audio_space_snapshots)") != true else { return }
            try write(AudioSpace.read(db), in: db)
        }
    }

    private static func data<T: FixedWidthInteger>(_ values: [T]) -> Data {
        var out = Data(capacity: values.count * MemoryLayout<T>.size)
        for value in values { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        return out
    }

    private static func data(_ values: [Double]) -> Data { data(values.map(\.bitPattern)) }

    private static func integers<T: FixedWidthInteger>(_ data: Data?, _: T.Type) -> [T]? {
        guard let data, data.count % MemoryLayout<T>.size == 0 else { return nil }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / MemoryLayout<T>.size)).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<T>.size, as: T.self)) }
        }
    }

    private static func doubles(_ data: Data?) -> [Double]? { integers(data, UInt64.self)?.map(Double.init(bitPattern:)) }

    private static func int32s(_ data: Data?) -> [Int32]? { integers(data, Int32.self) }
}
