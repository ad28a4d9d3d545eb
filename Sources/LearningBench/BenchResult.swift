import Foundation

/// The fields of meta.json (written by bench/learning/prep.py) that the workloads read.
struct BenchMeta: Decodable {
    let genreColumns: [String]
    let popColumns: [String]
    let popCategorical: [Int]
    let trackColumns: [String]
    let classes: [String]

    enum CodingKeys: String, CodingKey {
        case genreColumns = "genre_columns", popColumns = "pop_columns", popCategorical = "pop_categorical"
        case trackColumns = "track_columns", classes
    }
}

/// One workload's JSON line: the fields report.py tabulates, then the workload's own named figures,
/// all at the top level (report.py reads them by name).
struct BenchResult: Encodable {
    var workload: String
    var seconds: Double?
    var metricName: String?
    var metric: Double?
    var figures: [String: Double] = [:]
    var peakMiB: Double?
    var cpuSecondsTotal: Double?

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.init(stringValue) }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(workload, forKey: Key("workload"))
        try c.encodeIfPresent(seconds, forKey: Key("seconds"))
        try c.encodeIfPresent(metricName, forKey: Key("metric_name"))
        try c.encodeIfPresent(metric, forKey: Key("metric"))
        try c.encodeIfPresent(peakMiB, forKey: Key("peak_mib"))
        try c.encodeIfPresent(cpuSecondsTotal, forKey: Key("cpu_seconds_total"))
        for (k, v) in figures { try c.encode(v, forKey: Key(k)) }
    }

    /// One line, keys sorted, for bench/out/ours_<workload>.json.
    func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
