import Core
import Foundation
import Store

/// What one file's ingest did.
public struct IngestReport: Sendable, Equatable, Codable {
    /// `skipped` and `refused` are entries of a .zip that were not loaded, with their `reason`: skipped by their
    /// name (not a listening history), refused because they could not be read as one.
    public enum Outcome: String, Sendable, Codable { case loaded, alreadyLoaded = "already_loaded", skipped, refused }

    /// A track dump, or a listening history.
    public enum Kind: String, Sendable, Codable { case dump, history, artists }

    public var file: String
    public var outcome: Outcome
    public var kind: Kind = .dump
    public var ingestID: Int64
    public var sha256: String
    public var rowsRead = 0
    public var rowsAccepted = 0
    public var rowsRejected = 0
    public var rowsDuplicate = 0
    public var tracksNew = 0
    public var tracksUpdated = 0
    public var popularityConflicts = 0
    /// Playlists the file gave members to, and their members (one per playlist and track).
    public var playlists = 0
    public var playlistTracks = 0
    /// A listening history: plays stored, and of those linked to a track; podcast and audiobook plays skipped
    /// (`rowsSkipped`). Plays an overlapping export stored before count as `rowsDuplicate`.
    public var listens = 0
    public var listensMatched = 0
    public var rowsSkipped = 0
    /// A track dump: earlier plays it linked to their tracks.
    public var listensLinked = 0
    /// An artist list: artists it added, artists it linked by Spotify id or name, artist genre tags it gave.
    public var artistsNew = 0
    public var artistsLinked = 0
    public var artistGenres = 0
    public var ignoredColumns: [String] = []
    /// A listening history: how every entry ended (they add up to `rowsRead`).
    public var entries: EntryOutcomes?
    public var seconds = 0.0
    /// Why an archive entry was skipped or refused.
    public var reason: String?

    enum CodingKeys: String, CodingKey {
        case file, outcome, kind, ingestID = "ingest_id", sha256, rowsRead = "rows_read", rowsAccepted = "rows_accepted"
        case rowsRejected = "rows_rejected", rowsDuplicate = "rows_duplicate", tracksNew = "tracks_new"
        case tracksUpdated = "tracks_updated", popularityConflicts = "popularity_conflicts"
        case playlists, playlistTracks = "playlist_tracks"
        case listens, listensMatched = "listens_matched", rowsSkipped = "rows_skipped", listensLinked = "listens_linked"
        case artistsNew = "artists_new", artistsLinked = "artists_linked", artistGenres = "artist_genres"
        case ignoredColumns = "ignored_columns", entries, seconds, reason
    }
}
