import Core

/// The web app's playlist download: the tracks through the one M3U writer that `playlist --format m3u` uses.
struct M3UPlaylist: Sendable {
    var tracks: [Recommendations.TrackFacts]

    func render() throws -> String {
        do {
            return try M3UWriter().render(tracks.map {
                M3UWriter.Entry(trackID: $0.track.trackID, artists: $0.track.artists.split(separator: ";").map(String.init),
                                title: $0.track.name, durationMS: $0.durationMS)
            }).text
        } catch {
            throw WebError.badRequest(error.description)
        }
    }
}
