/// Where a play came from, and what its stored time means. Spotify and Apple Music record when a play ended; the
/// scrobblers (Last.fm, ListenBrainz, Maloja) when it started. Stored per play (`listens.source`, `played_at_means`).
public enum HistorySource: String, Sendable, Codable, CaseIterable {
    case spotifyAccount = "spotify_account"
    case spotifyExtended = "spotify_extended"
    case lastfm
    case listenbrainz
    case maloja
    case appleMusic = "apple_music"

    public enum TimeMeans: String, Sendable { case start, end }

    public var timeMeans: TimeMeans {
        switch self {
        case .spotifyAccount, .spotifyExtended, .appleMusic: return .end
        case .lastfm, .listenbrainz, .maloja: return .start
        }
    }

    /// The first year a play of this source can be from, and why (one impossible date would show as month 2023-99
    /// in trends): Spotify opened in 2006, Audioscrobbler (Last.fm's scrobbler) in 2002, Apple Music in 2015.
    var earliest: (year: Int, why: String) {
        switch self {
        case .spotifyAccount, .spotifyExtended: return (2006, "when Spotify began")
        case .lastfm, .listenbrainz, .maloja: return (2002, "when scrobbling began")
        case .appleMusic: return (2015, "when Apple Music began")
        }
    }

    /// Both Spotify exports are one service: their shared plays follow `PlayInBothExports`, not the cross-source rule.
    var service: String { self == .spotifyAccount || self == .spotifyExtended ? "spotify" : rawValue }
}
