import Learning

/// Sparse per-key tallies (an artist's genre tags, an album's popularity sum), learned from training
/// tracks only so that nothing about a holdout track leaks into its own features.
struct GenreTally: Sendable, Equatable {
    /// key (artist or album id) -> genre code -> count
    var counts: [Int64: [Int: Double]] = [:]

    mutating func add(key: Int64, genres: [Int]) {
        for genre in genres { counts[key, default: [:]][genre, default: 0] += 1 }
    }

    func encode(into w: inout BinaryWriter) {
        w.write(counts.count)
        for key in counts.keys.sorted() {
            let entry = counts[key]!
            w.write(Int(key))
            w.write(entry.count)
            for genre in entry.keys.sorted() { w.write(genre); w.write(entry[genre]!) }
        }
    }

    static func decode(from r: inout BinaryReader) throws -> GenreTally {
        var tally = GenreTally()
        // Counts read as counts: a corrupted negative or huge one is an error, not a range that stops the process.
        for _ in 0..<(try r.readCount(elementSize: 16)) {
            let key = Int64(try r.readInt())
            var entry: [Int: Double] = [:]
            for _ in 0..<(try r.readCount(elementSize: 16)) { entry[try r.readInt()] = try r.readDouble() }
            tally.counts[key] = entry
        }
        return tally
    }
}

/// Sum and count of popularity per key, for smoothed means.
struct PopularityTally: Sendable, Equatable {
    var sums: [Int64: Double] = [:]
    var counts: [Int64: Double] = [:]

    mutating func add(key: Int64, popularity: Double) {
        sums[key, default: 0] += popularity
        counts[key, default: 0] += 1
    }

    /// The key's mean shrunk toward `prior` by `smoothing` pseudo-tracks (an artist with one track says little).
    func smoothedMean(_ key: Int64, prior: Double, smoothing: Double) -> Double {
        let n = counts[key] ?? 0
        return ((sums[key] ?? 0) + smoothing * prior) / (n + smoothing)
    }

    func count(_ key: Int64) -> Double { counts[key] ?? 0 }

    func encode(into w: inout BinaryWriter) {
        let keys = counts.keys.sorted()
        w.write(keys.map { Int($0) })
        w.write(keys.map { sums[$0]! })
        w.write(keys.map { counts[$0]! })
    }

    static func decode(from r: inout BinaryReader) throws -> PopularityTally {
        let keys = try r.readInts(), sums = try r.readDoubles(), counts = try r.readDoubles()
        guard keys.count == sums.count, keys.count == counts.count else { throw LearningError.checksumMismatch }
        var tally = PopularityTally()
        for (i, key) in keys.enumerated() {
            tally.sums[Int64(key)] = sums[i]
            tally.counts[Int64(key)] = counts[i]
        }
        return tally
    }
}
