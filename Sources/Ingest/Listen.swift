import Core

/// One play from a Spotify listening-history export, in the warehouse's vocabulary. Only what `listens` stores
/// is here: the export's IP addresses, user agent, user name, country and platform are never read into it.
public struct Listen: Sendable, Equatable {
    public var listener: String
    /// ISO-8601 UTC, when the play ended (`endTime` to the minute, `ts` to the second).
    public var playedAt: String
    /// Account data gives the end time to the minute (`endTime`), the extended history to the second (`ts`).
    public var playedAtToTheMinute = false
    public var msPlayed: Int
    /// From `spotify_track_uri`, when the export has one.
    public var spotifyTrackID: String?
    public var artistName: String?
    public var trackName: String
    public var albumName: String?
    public var reasonStart: String?
    public var reasonEnd: String?
    public var shuffle: Bool?
    public var skipped: Bool?
    public var offline: Bool?
    public var incognitoMode: Bool?

    /// The track part of a play's identity (with listener, end time and milliseconds played: the unique key that
    /// keeps overlapping exports from counting a play twice): the Spotify id, else the song by the one rule.
    public var songKey: String {
        if let spotifyTrackID { return "spotify:" + spotifyTrackID }
        return "song:" + SameSong.key(title: trackName, leadArtist: artistName ?? "")
    }
}

