import Foundation

/// Songs already taken: one result per song in a list, and the seeds' songs never come back.
public struct SongSet: Sendable {
    private var artistsByTitle: [String: [Set<String>]] = [:]

    public init() {}

    /// True when a track of the same song (same title, a shared artist) was inserted.
    public func contains(_ song: SongKey) -> Bool {
        artistsByTitle[song.title]?.contains { !$0.isDisjoint(with: song.artists) } ?? false
    }

    /// Adds the track's song; false when it was there already.
    @discardableResult
    public mutating func insert(_ song: SongKey) -> Bool {
        if contains(song) { return false }
        artistsByTitle[song.title, default: []].append(song.artists)
        return true
    }

    public func contains(title: String, artists: [String]) -> Bool { contains(SongKey(title: title, artists: artists)) }

    @discardableResult
    public mutating func insert(title: String, artists: [String]) -> Bool { insert(SongKey(title: title, artists: artists)) }
}
