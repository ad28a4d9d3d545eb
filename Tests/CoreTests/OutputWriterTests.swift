import Core
import Testing

/// The one CSV writer and the one M3U writer: nothing a value holds can add a row, a line or a formula.
@Suite struct OutputWriterTests {
    @Test func csvQuotesEveryFieldThatCouldSplitARow() {
        let writer = CSVWriter()
        #expect(writer.field("plain") == "plain")
        #expect(writer.field("a,b") == "\"a,b\"")
        #expect(writer.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(writer.field("a\nb") == "\"a\nb\"")
        #expect(writer.field("a\rb") == "\"a\rb\"")
        // Swift reads CR LF as one Character, equal to neither "\r" nor "\n": the writer must still quote it.
        #expect(writer.field("Song\r\n=1+1") == "\"Song\r\n=1+1\"")
        #expect(writer.row(["x", "y\r\nz"]) == "x,\"y\r\nz\"\n")
    }

    @Test func csvGuardsFormulasOnlyWhenAsked() {
        let guarded = CSVWriter(guardsFormulas: true, lineEnd: "\r\n")
        #expect(guarded.field("=1+1") == "\"'=1+1\"")
        #expect(guarded.field("@SUM(A1)") == "\"'@SUM(A1)\"")
        #expect(guarded.field("-5.2") == "-5.2")
        #expect(guarded.field("+3") == "+3")
        #expect(guarded.table(columns: ["v"], rows: [["a"], ["-x"]]) == "v\r\na\r\n\"'-x\"\r\n")
        #expect(CSVWriter().field("=1+1") == "=1+1")
    }

    @Test func columnsNamedAlikeGetKeysOfTheirOwn() {
        #expect(UniqueColumnNames.keys(for: ["name", "name"]) == ["name", "name_2"])
        #expect(UniqueColumnNames.keys(for: ["id", "name", "name", "name"]) == ["id", "name", "name_2", "name_3"])
        // A column already called name_2 keeps its key; the repeated name takes the next free suffix.
        #expect(UniqueColumnNames.keys(for: ["name", "name", "name_2"]) == ["name", "name_3", "name_2"])
        #expect(UniqueColumnNames.keys(for: ["a_2", "a", "a", "a_2"]) == ["a_2", "a", "a_3", "a_2_2"])
        #expect(UniqueColumnNames.keys(for: ["x", "y"]) == ["x", "y"])
    }

    @Test func m3uWritesOneInfoLineAndOneURIPerTrack() throws {
        let output = try M3UWriter().render([
            .init(trackID: "5SuOikwiRyPMVoIQDJUgSV", artists: ["Gen Hoshino"], title: "Comedy", durationMS: 230_666),
            .init(trackID: "4qPNDBW1i3p13qLCt0Ki3A", artists: ["A", "B"], title: "Evil\r\n=1+1\nspotify:track:x\u{2028}y", durationMS: nil),
            .init(trackID: "jb-0123456789abcdef012", artists: ["C"], title: "Derived", durationMS: 1000),
        ])
        #expect(output.skipped == 1)
        #expect(output.text == """
            #EXTM3U
            #EXTINF:231,Gen Hoshino - Comedy
            spotify:track:5SuOikwiRyPMVoIQDJUgSV
            #EXTINF:-1,A, B - Evil  =1+1 spotify:track:x y
            spotify:track:4qPNDBW1i3p13qLCt0Ki3A

            """)
    }

    @Test func m3uWithNothingPlayableIsAnError() {
        #expect(throws: M3UWriter.Failure.nothingPlayable(tracks: 2)) {
            try M3UWriter().render([
                .init(trackID: "jb-0123456789abcdef012", artists: ["C"], title: "One", durationMS: 1000),
                .init(trackID: "jb-0123456789abcdef013", artists: ["C"], title: "Two", durationMS: 1000),
            ])
        }
    }

    @Test func spotifyIDsInEveryFormPeopleShare() {
        let id = "5SuOikwiRyPMVoIQDJUgSV"
        #expect(SpotifyID.track(id) == id)
        #expect(SpotifyID.track("spotify:track:\(id)") == id)
        #expect(SpotifyID.track("https://open.spotify.com/track/\(id)?si=abc") == id)
        #expect(SpotifyID.track("https://open.spotify.com/intl-de/track/\(id)") == id)
        #expect(SpotifyID.track("https://open.spotify.com/album/\(id)") == nil)
        #expect(SpotifyID.track("jb-0123456789abcdef012") == nil)
        #expect(SpotifyID.track("5SuOikwiRyPMVoIQDJUgS\n") == nil)
    }
}
