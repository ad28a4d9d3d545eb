import Core
import Testing
@testable import Ingest

private let spotifyHeader = ["", "track_id", "artists", "album_name", "track_name", "popularity", "duration_ms", "explicit",
                             "danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness",
                             "instrumentalness", "liveness", "valence", "tempo", "time_signature", "track_genre"]
private let goodRow = ["0", "5SuOikwiRyPMVoIQDJUgSV", "Gen Hoshino", "Comedy", "Comedy", "73", "230666", "False", "0.676", "0.461",
                       "1", "-6.746", "0", "0.143", "0.0322", "1.01e-06", "0.358", "0.715", "87.917", "4", "acoustic"]

private func parser() throws -> RowParser {
    RowParser(mapping: try HeaderMapping(header: spotifyHeader, file: "test.csv"))
}

/// The row with one column replaced.
private func row(_ column: String, _ value: String) -> [String] {
    var fields = goodRow
    fields[spotifyHeader.firstIndex(of: column)!] = value
    return fields
}

private func reason(_ fields: [String]) throws -> String? {
    if case let .rejected(reason) = try parser().parse(fields) { return reason }
    return nil
}

struct RowParserTests {
    @Test func parsesARealRow() throws {
        guard case let .track(track) = try parser().parse(goodRow) else { Issue.record("rejected"); return }
        #expect(track.trackID == "5SuOikwiRyPMVoIQDJUgSV")
        #expect(track.idIsDerived == false)
        #expect(track.artists == ["Gen Hoshino"])
        #expect(track.genres == ["acoustic"])
        #expect(track.popularity == 73)
        #expect(track.durationMs == 230666)
        #expect(track.explicit == false)
        #expect(track.features.instrumentalness == 1.01e-06)
        #expect(track.features.key == 1)
        #expect(track.features.timeSignature == 4)
    }

    @Test(arguments: [
        ("danceability", "1.2", "danceability 1.2 is outside 0..1"),
        ("energy", "-0.1", "energy -0.1 is outside 0..1"),
        ("speechiness", "abc", "speechiness 'abc' is not a decimal number"),
        ("acousticness", "nan", "acousticness 'nan' is not a decimal number"),
        // Swift's own parsing takes hexadecimal, `inf` and `nan`: a dump's numbers are plain decimals only.
        ("popularity", "0x10", "popularity '0x10' is not a decimal number"),
        ("tempo", "0x10", "tempo '0x10' is not a decimal number"),
        ("loudness", "0x10", "loudness '0x10' is not a decimal number"),
        ("duration_ms", "0x10", "duration_ms '0x10' is not a decimal number"),
        ("tempo", "0x1p4", "tempo '0x1p4' is not a decimal number"),
        ("tempo", "inf", "tempo 'inf' is not a decimal number"),
        ("loudness", "-infinity", "loudness '-infinity' is not a decimal number"),
        ("duration_ms", "nan", "duration_ms 'nan' is not a decimal number"),
        ("popularity", "1e400", "popularity '1e400' is not a decimal number"),
        ("energy", "1.2.3", "energy '1.2.3' is not a decimal number"),
        ("instrumentalness", "", "missing instrumentalness"),
        ("liveness", "2", "liveness 2 is outside 0..1"),
        ("valence", "1.0001", "valence 1.0001 is outside 0..1"),
        ("key", "12", "key 12 is outside -1..11"),
        ("key", "1.5", "key 1.5 is not a whole number"),
        ("mode", "2", "mode 2 is outside 0..1"),
        ("tempo", "-1", "tempo -1 is outside 0..1000"),
        ("time_signature", "8", "time_signature 8 is outside 0..7"),
        ("popularity", "101", "popularity 101 is outside 0..100"),
        ("popularity", "-1", "popularity -1 is outside 0..100"),
        ("duration_ms", "0", "duration_ms 0 is outside 1..2147483647"),
        ("explicit", "maybe", "explicit 'maybe' is not true/false"),
        ("track_name", "", "missing track_name"),
        ("artists", "  ", "missing artists"),
        ("track_id", "not-an-id", "track_id 'not-an-id' is not a Spotify track id"),
    ])
    func rejectsWithReason(column: String, value: String, expected: String) throws {
        #expect(try reason(row(column, value)) == expected)
    }

    @Test func acceptsBoundaryValues() throws {
        for (column, value) in [("key", "-1"), ("key", "11"), ("mode", "1"), ("time_signature", "0"), ("time_signature", "7"),
                                ("popularity", "0"), ("popularity", "100"), ("tempo", "0"), ("danceability", "1"), ("key", "5.0"),
                                ("popularity", "+16"), ("tempo", "1.2e2"), ("loudness", "-6E-1"), ("danceability", ".5"), ("tempo", "120.")] {
            #expect(try reason(row(column, value)) == nil, "\(column)=\(value)")
        }
    }

    @Test func listsEveryProblemOfARow() throws {
        var fields = row("track_name", "")
        fields[2] = ""
        fields[6] = "0"
        #expect(try reason(fields) == "missing track_name; missing artists; duration_ms 0 is outside 1..2147483647")
    }

    @Test func wrongFieldCountIsRejected() throws {
        #expect(try reason(Array(goodRow.dropLast(2))) == "expected 21 fields, found 19")
        #expect(try reason(goodRow + ["extra"]) == "expected 21 fields, found 22")
    }

    @Test func splitsArtists() {
        #expect(RowParser.splitArtists("Ingrid Michaelson;ZAYN") == ["Ingrid Michaelson", "ZAYN"])
        #expect(RowParser.splitArtists("['Tyler, The Creator', \"Guns N' Roses\"]") == ["Tyler, The Creator", "Guns N' Roses"])
        #expect(RowParser.splitArtists("[Hidden] Band") == ["[Hidden] Band"])
        #expect(RowParser.splitArtists("A; A ;B") == ["A", "B"])
    }

    @Test func splitsGenres() {
        #expect(RowParser.splitGenres("rock, pop") == ["rock", "pop"])
        #expect(RowParser.splitGenres("set()") == [])
        #expect(RowParser.splitGenres("['pop', 'dance pop']") == ["pop", "dance pop"])
        #expect(RowParser.splitGenres("Pop, pop") == ["Pop"])
        // v_tracks joins genres with ";": a list item holding one is two tags, and empty items are none.
        #expect(RowParser.splitGenres("['my;genre', '', 'rock']") == ["my", "genre", "rock"])
    }

    @Test func readsSpotifyIdSpellings() {
        #expect(RowParser.spotifyID("spotify:track:5SuOikwiRyPMVoIQDJUgSV") == "5SuOikwiRyPMVoIQDJUgSV")
        #expect(RowParser.spotifyID("https://open.spotify.com/track/5SuOikwiRyPMVoIQDJUgSV?si=abc") == "5SuOikwiRyPMVoIQDJUgSV")
        #expect(RowParser.spotifyID("5SuOikwiRyPMVoIQDJUgS") == nil)
    }

    @Test func readsReleaseDates() {
        #expect(RowParser.releaseDate("2019") == .date("2019", year: 2019))
        #expect(RowParser.releaseDate("2019-07") == .date("2019-07", year: 2019))
        #expect(RowParser.releaseDate("2019-07-30") == .date("2019-07-30", year: 2019))
        #expect(RowParser.releaseDate("0000") == .unknown)
        #expect(RowParser.releaseDate("2019-13-01") == .invalid)
        #expect(RowParser.releaseDate("19/07/2019") == .invalid)
    }

    @Test func derivedIdsAreStableAndCaseInsensitive() {
        let a = RowParser.derivedID(artists: ["Britney Spears"], title: "Oops!...I Did It Again")
        let b = RowParser.derivedID(artists: ["britney spears"], title: "OOPS!...I DID IT AGAIN")
        #expect(a == b)
        #expect(a.hasPrefix("jb-") && a.count == 22)
        #expect(a != RowParser.derivedID(artists: ["Britney Spears"], title: "Toxic"))
        // The id the previous binary stored for this top-hits track: a warehouse keeps its derived ids across versions.
        #expect(RowParser.derivedID(artists: ["Missy Elliott"], title: "One Minute Man (feat. Ludacris)") == "jb-005b0c6f42c29a33741")
    }

    /// The parser computes short decimals itself (digits over a power of ten); every one must be the very double the
    /// library's parsing gives, bit for bit, including long, tiny, huge and signed numbers that take the library's path.
    @Test func decimalNumbersAreTheLibrarysDoubles() {
        var state: UInt64 = 20  // SplitMix64, seeded: the same strings every run
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        let digits = Array("0123456789")
        var mismatches: [String] = []
        for _ in 0..<50_000 {
            var text = ["", "-", "+"][next(3)]
            let whole = next(4) == 0 ? next(25) : next(5)
            for _ in 0..<whole { text.append(digits[next(10)]) }
            if next(2) == 0 || whole == 0 {
                text.append(".")
                for _ in 0..<(next(3) == 0 ? next(25) : 1 + next(8)) { text.append(digits[next(10)]) }
            }
            if next(4) == 0 { text += ["e", "E", "e-", "e+"][next(4)] + String(next(4) == 0 ? next(400) : next(30)) }
            let expected = Double(text).flatMap { $0.isFinite ? $0 : nil }
            // The shape check refuses a bare sign or point, which the library refuses too.
            let parsed = RowParser.decimalNumber(text)
            if parsed?.bitPattern != expected?.bitPattern { mismatches.append(text) }
        }
        #expect(mismatches == [])
        #expect(RowParser.decimalNumber("0.0322") == 0.0322)
        #expect(RowParser.decimalNumber("1.01e-06") == 1.01e-06)
        #expect(RowParser.decimalNumber("-0")?.sign == .minus)
        #expect(RowParser.decimalNumber("12345678901234567890123") == 12345678901234567890123.0)
        #expect(RowParser.decimalNumber("1e400") == nil)
        #expect(RowParser.decimalNumber("1.5e") == nil)
        #expect(RowParser.decimalNumber("1..5") == nil)
    }

    @Test func extraGenreTagsEveryRow() throws {
        let parser = RowParser(mapping: try HeaderMapping(header: spotifyHeader, file: "t.csv"), extraGenre: "japan")
        guard case let .track(track) = parser.parse(goodRow) else { Issue.record("rejected"); return }
        #expect(track.genres == ["acoustic", "japan"])
    }
}

struct HeaderMappingTests {
    /// `column(_:)` looks fields up by ordinal: every field's ordinal must be its place in `allCases`.
    @Test func ordinalsArePositionsInAllCases() {
        #expect(TrackField.allCases.map(\.ordinal) == Array(TrackField.allCases.indices))
    }

    @Test func mapsBothRealDumps() throws {
        let spotify = try HeaderMapping(header: spotifyHeader, file: "a.csv")
        #expect(spotify.column(.trackID) == 1)
        #expect(spotify.column(.genre) == 20)
        #expect(spotify.ignoredColumns == ["(unnamed column 1)"])
        let topHits = try HeaderMapping(header: ["artist", "song", "duration_ms", "explicit", "year", "popularity", "genre"], file: "b.csv")
        #expect(topHits.column(.artists) == 0)
        #expect(topHits.column(.trackName) == 1)
        #expect(topHits.column(.year) == 4)
        #expect(topHits.column(.trackID) == nil)
    }

    @Test func knowsOtherExportSpellings() throws {
        let mapping = try HeaderMapping(header: ["id", "name", "track_artist", "track_popularity", "track_album_name", "track_album_id",
                                                 "track_album_release_date", "playlist_genre"], file: "c.csv")
        #expect(mapping.column(.trackID) == 0)
        #expect(mapping.column(.trackName) == 1)
        #expect(mapping.column(.artists) == 2)
        #expect(mapping.column(.popularity) == 3)
        #expect(mapping.column(.albumName) == 4)
        #expect(mapping.column(.albumID) == 5)
        #expect(mapping.column(.releaseDate) == 6)
        #expect(mapping.column(.genre) == 7)
    }

    @Test func overridesWin() throws {
        let mapping = try HeaderMapping(header: ["Performer", "Song Title", "name"], overrides: ["Performer": .artists, "Song Title": .trackName], file: "d.csv")
        #expect(mapping.column(.artists) == 0)
        #expect(mapping.column(.trackName) == 1)
    }

    @Test func refusesAHeaderWithNothingUsable() {
        #expect(throws: IngestError.noUsableHeader(file: "e.csv", header: ["foo", "bar"])) {
            try HeaderMapping(header: ["foo", "bar"], file: "e.csv")
        }
    }

    @Test func namesMissingRequiredColumns() {
        #expect(throws: IngestError.missingRequiredColumns(file: "f.csv", missing: ["artists (or artist, track_artist)"], header: ["track_name"])) {
            try HeaderMapping(header: ["track_name"], file: "f.csv")
        }
    }

    @Test func mapOfAMissingColumnIsAnError() {
        #expect(throws: IngestError.mappedColumnMissing(file: "g.csv", column: "Nope", header: ["name", "artist"])) {
            try HeaderMapping(header: ["name", "artist"], overrides: ["Nope": .genre], file: "g.csv")
        }
    }
}
