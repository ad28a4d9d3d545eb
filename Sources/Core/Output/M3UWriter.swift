/// The one extended-M3U writer, for `playlist --format m3u` and the web app's downloads: per track one
/// `#EXTINF` line and one Spotify URI. Titles lose their control characters, so no name can add a line.
public struct M3UWriter: Sendable {
    public struct Entry: Sendable {
        public var trackID: String
        public var artists: [String]
        public var title: String
        public var durationMS: Int?

        public init(trackID: String, artists: [String], title: String, durationMS: Int?) {
            self.trackID = trackID
            self.artists = artists
            self.title = title
            self.durationMS = durationMS
        }
    }

    public struct Output: Sendable, Equatable {
        public var text: String
        /// Tracks left out because they have no Spotify id (a player cannot open them).
        public var skipped: Int
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case nothingPlayable(tracks: Int)

        public var description: String {
            switch self {
            case let .nothingPlayable(tracks):
                return "no track of the \(tracks) has a Spotify id (their ids were derived by Jukebox, jb-…), so an M3U would hold nothing a player can open"
            }
        }
    }

    public init() {}

    /// The playlist; fails when no track can be written.
    public func render(_ entries: [Entry]) throws(Failure) -> Output {
        var text = "#EXTM3U\n"
        var skipped = 0
        for entry in entries {
            guard let id = SpotifyID.track(entry.trackID) else { skipped += 1; continue }
            let seconds = entry.durationMS.map { Int((Double($0) / 1000).rounded()) } ?? -1
            let credit = entry.artists.joined(separator: ", ")
            text += "#EXTINF:\(seconds),\(Self.oneLine(credit.isEmpty ? entry.title : credit + " - " + entry.title))\n"
            text += "spotify:track:\(id)\n"
        }
        if skipped == entries.count { throw .nothingPlayable(tracks: entries.count) }
        return Output(text: text, skipped: skipped)
    }

    /// The text with every control, line or paragraph separator character replaced by a space.
    public static func oneLine(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator: out.append(" ")
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
