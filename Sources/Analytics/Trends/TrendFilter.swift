import GRDB

/// The `--genre` and `--artist` filters as SQL conditions on `tracks t`, names resolved first so a
/// typo is an error with suggestions rather than an empty result.
struct TrendFilter {
    var conditions: [String] = []
    var arguments: StatementArguments = []

    init(_ query: TrendQuery, in db: Database) throws {
        if let genre = query.genre {
            conditions.append("EXISTS (SELECT 1 FROM track_genres xg JOIN genres yg ON yg.genre_id = xg.genre_id "
                + "WHERE xg.track_id = t.track_id AND yg.name = ?)")
            arguments += [try NameLookup.genre(genre, in: db)]
        }
        if let artist = query.artist {
            conditions.append("EXISTS (SELECT 1 FROM track_artists xa JOIN artists ya ON ya.artist_id = xa.artist_id "
                + "WHERE xa.track_id = t.track_id AND ya.name = ?)")
            arguments += [try NameLookup.artist(artist, in: db)]
        }
    }
}
