import Core

/// The web app's playlist download: the tracks through the one M3U writer that `playlist --format m3u` uses.
struct M3UPlaylist: Sendable {
    var tracks: [M3UWriter.Entry]

    func render() throws -> String {
        do {
            return try M3UWriter().render(tracks).text
        } catch {
            throw WebError.badRequest(error.description)
        }
    }
}
