import Foundation

/// A track's song, folded once: its comparable title and credited artists.
public struct SongKey: Hashable, Sendable {
    public let title: String
    public let artists: Set<String>

    public init(title: String, artists: [String]) {
        self.title = SameSong.title(title)
        self.artists = Set(artists.map(SameSong.artist))
    }
}
