import Foundation

/// Why a file was refused as a whole. Row-level problems are not errors: they become rejects.
public enum IngestError: Error, Equatable, LocalizedError {
    case emptyFile(file: String)
    case unreadableHeader(file: String, reason: String)
    case noUsableHeader(file: String, header: [String])
    case missingRequiredColumns(file: String, missing: [String], header: [String])
    case mappedColumnMissing(file: String, column: String, header: [String])
    case badMapping(String)
    case strictRefused(file: String, rejected: Int, firstErrors: [String])
    case warehouseBusy(path: String, seconds: Int)
    case inconsistentLoad(file: String, detail: String)
    case notAHistory(file: String, reason: String)
    /// `--listener` was given, and the file is no listening history Jukebox knows.
    case notAHistoryOfAnyFormat(file: String, formats: String)
    case notAPlaylistSlice(file: String, reason: String)
    case unreadableArchive(file: String, reason: String)
    /// One entry of a .zip that could not be read (the rest of the archive is read on).
    case unreadableArchiveEntry(file: String, entry: String, reason: String)
    case tooLarge(file: String, reason: String)

    /// Whether the error is about the file (or archive entry) itself, so that the next one can still load; not when
    /// the warehouse is busy, or an ingest would break its links.
    var concernsTheFile: Bool {
        switch self {
        case .warehouseBusy, .inconsistentLoad, .badMapping: return false
        default: return true
        }
    }

    public var errorDescription: String? {
        switch self {
        case let .emptyFile(file):
            return "\(file) is empty: expected at least a CSV header row"
        case let .unreadableHeader(file, reason):
            return "\(file) has no readable CSV header on line 1: \(reason)"
        case let .noUsableHeader(file, header):
            return "\(file) has no usable CSV header: none of its columns (\(Self.preview(header))) names a track. "
                + "Expected at least track_name (or name, song, title) and artists (or artist, track_artist); "
                + "name other columns with --map SOURCE=TARGET"
        case let .missingRequiredColumns(file, missing, header):
            return "\(file) lacks required column(s) \(missing.joined(separator: " and ")); its columns are "
                + "\(Self.preview(header)). Use --map SOURCE=TARGET to name them"
        case let .mappedColumnMissing(file, column, header):
            return "--map names column '\(column)', but \(file) has no such column; its columns are \(Self.preview(header))"
        case let .notAHistory(file, reason):
            return "\(file) is not a Spotify listening history (a JSON array of plays with endTime or ts): \(reason); nothing was loaded"
        case let .notAHistoryOfAnyFormat(file, formats):
            return "\(file) is not a listening history (--listener was given): it could be \(formats); nothing was loaded"
        case let .notAPlaylistSlice(file, reason):
            return "\(file) holds a JSON object but not a Million Playlist Dataset slice ({\"playlists\": [{\"pid\", \"name\", \"tracks\"}]}): \(reason)"
        case let .unreadableArchive(file, reason):
            return "cannot read the archive \(file): \(reason)"
        case let .unreadableArchiveEntry(file, entry, reason):
            return "\(file): cannot read its entry \(entry): \(reason); nothing was loaded from it"
        case let .tooLarge(file, reason):
            return "\(file) cannot be loaded: \(reason); nothing was loaded"
        case let .badMapping(message):
            return message
        case let .strictRefused(file, rejected, firstErrors):
            return "--strict: \(file) has \(rejected) bad row(s); nothing was loaded. First errors:\n"
                + firstErrors.map { "  " + $0 }.joined(separator: "\n")
        case let .inconsistentLoad(file, detail):
            return "loading \(file) would break the warehouse's links (\(detail)); nothing was loaded. This is a Jukebox bug: please report it"
        case let .warehouseBusy(path, seconds):
            return "another jukebox process kept the warehouse \(path) locked for \(seconds) s; nothing was loaded. "
                + "Try again when it has finished (see `jukebox ingests`)"
        }
    }

    /// The first 12 column names, each cut at 40 characters: a message never echoes a whole overlong header.
    private static func preview(_ header: [String]) -> String {
        let shown = header.prefix(12).map { $0.isEmpty ? "(unnamed)" : $0.count > 40 ? $0.prefix(40) + "…" : $0 }.joined(separator: ", ")
        return header.count > 12 ? shown + ", ..." : shown
    }
}
