import Core

/// One play from a listening history, in the warehouse's vocabulary. Only what `listens` stores is here: an
/// export's IP addresses, user agent, user name, country and platform are never read into it.
public struct Listen: Sendable, Equatable {
    public var listener: String
    /// ISO-8601 UTC as the source stored it: when the play ended or started (`source.timeMeans`).
    public var playedAt: String
    /// Account data gives the end time to the minute (`endTime`), the extended history to the second (`ts`).
    public var playedAtToTheMinute = false
    /// Milliseconds played; when the source did not measure them, the track's length it gave, else 0 (`msPlayedSource`).
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
    public var source: HistorySource = .spotifyExtended
    public var msPlayedSource: MsPlayedSource = .played

    /// What `msPlayed` holds.
    public enum MsPlayedSource: String, Sendable { case played, trackLength = "track_length", unknown }

    /// The track part of a play's identity (with listener, end time and milliseconds played: the unique key that
    /// keeps overlapping exports from counting a play twice): the Spotify id, else the song by the one rule.
    public var songKey: String {
        if let spotifyTrackID { return "spotify:" + spotifyTrackID }
        return "song:" + SameSong.key(title: trackName, leadArtist: artistName ?? "")
    }

    /// When the play started, in Unix seconds: a stored end less the milliseconds played (when measured).
    var startedAtSeconds: Int {
        let at = Int(PlayWeight.instant(playedAt)?.timeIntervalSince1970 ?? 0)
        return source.timeMeans == .end && msPlayedSource == .played ? at - msPlayed / 1000 : at
    }

    /// How much a copy of a play tells (the richer copy of a play two sources exported is the one kept): measured
    /// milliseconds, a Spotify id, an album, the reasons, a time to the second.
    var richness: Int {
        Self.richness(msPlayedSource: msPlayedSource, spotifyTrackID: spotifyTrackID, albumName: albumName,
                      reasonEnd: reasonEnd, toTheMinute: playedAtToTheMinute)
    }

    static func richness(msPlayedSource: MsPlayedSource, spotifyTrackID: String?, albumName: String?, reasonEnd: String?,
                         toTheMinute: Bool) -> Int {
        (msPlayedSource == .played ? 4 : msPlayedSource == .trackLength ? 1 : 0) + (spotifyTrackID != nil ? 2 : 0)
            + (albumName != nil ? 1 : 0) + (reasonEnd != nil ? 1 : 0) + (toTheMinute ? 0 : 1)
    }
}

/// A podcast episode played (Spotify's extended history), kept in `podcast_plays`, apart from music.
struct PodcastPlay: Sendable, Equatable {
    var listener: String
    var playedAt: String
    var msPlayed: Int
    var showName: String?
    var episodeName: String?
    var spotifyEpisodeID: String?
    var source: HistorySource
}
