import Analytics

/// An error as a page shows it. A name the warehouse does not have comes with near misses ("did you mean
/// 'Sum 41 - War'?"): each is a link that asks the same question again with it, so a person clicks instead of retyping.
/// The wording stays Analytics' own (`AnalyticsError`); only the suggestions become links.
enum ErrorMessage {
    static let marker = "; did you mean "

    /// `<p class="error">` with the message; `link` turns a suggestion into the address that asks again.
    static func html(_ message: String, error: any Error, link: (String) -> String) -> String {
        let suggestions = nearMisses(error)
        guard !suggestions.isEmpty, let range = message.range(of: marker) else {
            return "<p class=\"error\">" + HTML.escape(message) + "</p>"
        }
        let links = suggestions.map { "<a class=\"near-miss\" href=\"\(HTML.escape(link($0)))\">\(HTML.escape($0))</a>" }
        return "<p class=\"error\">" + HTML.escape(String(message[..<range.upperBound])) + links.joined(separator: ", ") + "?</p>"
    }

    /// The near misses an unknown-name error carries (none for any other error).
    static func nearMisses(_ error: any Error) -> [String] {
        switch error as? AnalyticsError {
        case let .unknownTrack(_, s), let .unknownArtist(_, s), let .unknownGenre(_, s), let .unknownFeature(_, s),
             let .unknownPlaylist(_, s), let .unknownListener(_, s):
            return s
        default:
            return []
        }
    }

    /// Whether the error is about a genre name (its suggestions replace the genre, not the question).
    static func isUnknownGenre(_ error: any Error) -> Bool {
        if case .unknownGenre = error as? AnalyticsError { return true }
        return false
    }
}
