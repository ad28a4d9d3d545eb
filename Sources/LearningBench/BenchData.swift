import Foundation
import Learning

/// Reads the files written by bench/learning/prep.py.
struct BenchData {
    let dir: URL
    let meta: BenchMeta

    init(dir: String) throws {
        self.dir = URL(fileURLWithPath: dir)
        let data = try Data(contentsOf: self.dir.appendingPathComponent("meta.json"))
        meta = try JSONDecoder().decode(BenchMeta.self, from: data)
    }

    func doubles(_ name: String) throws -> [Double] {
        let d = try Data(contentsOf: dir.appendingPathComponent(name))
        return d.withUnsafeBytes { raw in
            (0..<(d.count / 8)).map { Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))) }
        }
    }

    func ints(_ name: String) throws -> [Int] {
        let d = try Data(contentsOf: dir.appendingPathComponent(name))
        return d.withUnsafeBytes { raw in
            (0..<(d.count / 4)).map { Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self))) }
        }
    }

    func matrix(_ name: String, columns: [String], categorical: Set<Int> = []) throws -> FeatureMatrix {
        let v = try doubles(name)
        return try FeatureMatrix(rowCount: v.count / columns.count, columnCount: columns.count, values: v,
                                 columnNames: columns, categoricalColumns: categorical)
    }
}

/// Peak resident set size of this process in MiB.
func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func now() -> Double { Date().timeIntervalSince1970 }

/// User + system CPU seconds of this process so far (to tell real slowness from a busy machine).
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
