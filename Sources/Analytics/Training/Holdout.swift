/// The evaluation split: a track is in the holdout when a hash of its id falls in the test share.
/// Hashing the id (not drawing at random) keeps every row of a track on one side, gives the same split
/// for every run over the same data, and keeps old tracks on their side when new dumps arrive, so a new
/// run and the champion can be compared on the same holdout.
public struct Holdout: Sendable, Equatable {
    public var testPercent: UInt64 = 20
    public var seed: UInt64 = 0x4A554B45  // "JUKE"

    public init() {}

    public func isTest(_ trackID: String) -> Bool {
        bucket(trackID, buckets: 100) < testPercent
    }

    /// A fold number in 0..<folds, independent of the holdout bucket, for out-of-fold features.
    public func fold(_ trackID: String, folds: Int) -> Int {
        Int(bucket(trackID, buckets: UInt64(folds), salt: 0x9E3779B97F4A7C15))
    }

    private func bucket(_ trackID: String, buckets: UInt64, salt: UInt64 = 0) -> UInt64 {
        // FNV-1a 64 over the id's bytes, then a SplitMix64 finalizer to spread the bits.
        var hash: UInt64 = 0xcbf29ce484222325 ^ seed ^ salt
        for byte in trackID.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100000001b3
        }
        hash ^= hash >> 30
        hash &*= 0xbf58476d1ce4e5b9
        hash ^= hash >> 27
        hash &*= 0x94d049bb133111eb
        hash ^= hash >> 31
        return hash % buckets
    }
}
