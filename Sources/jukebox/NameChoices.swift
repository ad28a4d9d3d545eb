import Analytics
import Store

/// An unknown genre or feature names the valid choices, not only near misses.
enum NameChoices {
    /// How many genres an error lists before pointing at the full list.
    static let shownGenres = 20

    /// Runs `body`; an unknown genre or feature it reports comes back listing the choices
    /// (genres read from `reader`, the first `shownGenres` of them).
    static func listing<T>(in reader: WarehouseReader?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let AnalyticsError.unknownFeature(name, suggestions) {
            throw CLIError.unknownName(message(kind: "feature", name, suggestions)
                + " (features: " + TrackFeature.allCases.map(\.name).joined(separator: ", ") + ")")
        } catch let AnalyticsError.unknownGenre(name, suggestions) {
            guard let reader else { throw AnalyticsError.unknownGenre(name, suggestions: suggestions) }
            let genres = try NameLookup.genres(in: reader)
            var text = message(kind: "genre", name, suggestions)
            if genres.isEmpty {
                text += " (the warehouse has no genres yet)"
            } else if genres.count <= shownGenres {
                text += " (genres: " + genres.joined(separator: ", ") + ")"
            } else {
                text += " (genres, the first \(shownGenres) of \(genres.count): " + genres.prefix(shownGenres).joined(separator: ", ")
                    + "; all of them: jukebox sql \"SELECT name FROM genres ORDER BY name\")"
            }
            throw CLIError.unknownName(text)
        }
    }

    private static func message(kind: String, _ name: String, _ suggestions: [String]) -> String {
        var text = "no \(kind) '\(name)'" + (kind == "genre" ? " in the warehouse" : "")
        if !suggestions.isEmpty { text += "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?" }
        return text
    }
}
