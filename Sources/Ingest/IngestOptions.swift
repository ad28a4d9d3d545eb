import Core
import Foundation
import Store

public struct IngestOptions: Sendable {
    /// Refuse the whole file on any bad row, leaving the warehouse as it was.
    public var strict = false
    /// Load the file even if a file with the same bytes was loaded before.
    public var force = false
    /// `--map SOURCE=TARGET` pairs.
    public var columnOverrides: [String: TrackField] = [:]
    /// `--genre NAME`: tag every row with this genre.
    public var extraGenre: String?
    /// `--playlist NAME`: the file is this playlist (an exported playlist is otherwise named by its file).
    public var playlistName: String?
    /// `--listener NAME`: whose listening history a JSON export is.
    public var listener = "me"
    /// `--listener` was given: a file that is not a listening history is an error naming the formats it could be.
    public var expectsHistory = false
    /// `--drop-incognito`: plays Spotify marks as incognito are counted and not stored (by default kept and marked).
    public var dropIncognito = false
    /// How many row errors `--strict` reports.
    public var strictErrorLimit = 10
    /// Rows the reading thread hands to the writing thread at a time (at most four batches wait, which bounds memory).
    public var batchSize = 2048
    /// Known tracks compared with the stored ones in one join (see `KnownTrackComparison`); 0 compares each one as
    /// it comes, one lookup per track: the reference the batched comparison is tested against.
    var knownTrackBatchSize = TrackWriter.defaultKnownBatchSize
    /// The most a row, a field and a JSON file (or a .zip entry) may hold.
    public var limits = InputLimits.standard

    public init() {}
}
