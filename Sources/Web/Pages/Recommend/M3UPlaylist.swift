import Foundation
/// An extended M3U playlist of tracks, linking each to Spotify (or a Spotify search for tracks without an id).
struct M3UPlaylist: Sendable {
    var tracks: [Recommendations.TrackFacts]

    func render() -> String {
        var lines = ["#EXTM3U", "#PLAYLIST:Jukebox playlist"]
        for facts in tracks {
            let seconds = facts.durationMS.map { $0 / 1000 } ?? -1
            let title = Self.clean(facts.track.label)
            lines.append("#EXTINF:\(seconds),\(title)")
            if facts.track.trackID.hasPrefix("jb-") {
                lines.append("https://open.spotify.com/search/" + HTML.query(facts.track.artists.replacingOccurrences(of: ";", with: " ") + " " + facts.track.name))
            } else {
                lines.append("https://open.spotify.com/track/" + HTML.query(facts.track.trackID))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A title on one line: no line breaks can start a fake entry.
    static func clean(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\r" ? " " : $0 })
    }
}
