import Analytics
import Foundation

/// The Genres page's lists of written-back answers: the predicted genres to choose from, the chosen genre's tracks
/// and the likely mislabels (`GenrePredictionLists` reads them; this only carries them to the page and downloads).
struct GenreLists: Sendable {
    typealias Listing = GenrePredictionLists.Listing

    /// How many tracks of each list the page shows; the CSV and JSON carry the whole list (up to its cut).
    static let shown = 100

    var genres: [GenrePredictionLists.GenreCount]
    var chosen: Listing?
    var mislabels: Listing

    /// Each list as its download: every column at full precision.
    var tables: [ChartTable] {
        var tables = [Self.table("likely-mislabels", mislabels, disagreement: true)]
        if let chosen { tables.insert(Self.table("predicted-tracks", chosen, disagreement: false), at: 0) }
        return tables
    }

    static func table(_ name: String, _ listing: Listing, disagreement: Bool) -> ChartTable {
        let columns = ["track_id", "track_name", "artists", "tags", "predicted_genre", "probability", "second_genre",
                       "second_probability", "third_genre", "third_probability", "in_holdout", "run_id"]
        return ChartTable(name: name, columns: columns + (disagreement ? ["disagreement"] : []), rows: listing.tracks.map { t in
            [t.trackID, t.name, t.artists, t.tags, t.predictedGenre, ChartTable.number(t.probability), t.secondGenre ?? "",
             ChartTable.number(t.secondProbability), t.thirdGenre ?? "", ChartTable.number(t.thirdProbability),
             t.inHoldout ? "1" : "0", String(t.runID)] + (disagreement ? [ChartTable.number(t.disagreement)] : [])
        })
    }
}
