import Foundation

/// Questions the warehouse cannot answer, with messages a user can act on.
public enum AnalyticsError: Error, Equatable, LocalizedError {
    case unknownTrack(String, suggestions: [String])
    case unknownArtist(String, suggestions: [String])
    case unknownGenre(String, suggestions: [String])
    case unknownFeature(String, suggestions: [String])
    case unknownPlaylist(String, suggestions: [String])
    case unknownListener(String, suggestions: [String])
    case notAnswerable(String)
    case noChampion(task: String)

    public var errorDescription: String? {
        switch self {
        case let .unknownTrack(name, suggestions): return Self.unknown("track", name, suggestions)
        case let .unknownArtist(name, suggestions): return Self.unknown("artist", name, suggestions)
        case let .unknownGenre(name, suggestions): return Self.unknown("genre", name, suggestions)
        case let .unknownFeature(name, suggestions): return Self.unknown("feature", name, suggestions)
        case let .unknownPlaylist(name, suggestions): return Self.unknown("playlist", name, suggestions)
        case let .unknownListener(name, suggestions):
            return Self.unknown("listener", name, suggestions) + (suggestions.isEmpty ? " (load a history with `jukebox ingest --listener NAME FILE`)" : "")
        case let .notAnswerable(reason): return reason
        case let .noChampion(task): return "no \(task) model has been trained yet; run `jukebox train \(task)` first"
        }
    }

    private static func unknown(_ kind: String, _ name: String, _ suggestions: [String]) -> String {
        var text = "no \(kind) '\(name)' in the warehouse"
        if !suggestions.isEmpty { text += "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?" }
        return text
    }
}
