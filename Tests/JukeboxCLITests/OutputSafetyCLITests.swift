import Foundation
import Testing

/// What Jukebox writes (CSV, M3U) keeps its shape whatever the names it read hold.
struct OutputSafetyCLITests {
    static let header = "track_id,artists,track_name,album_name,popularity,duration_ms,explicit,danceability,energy,key,loudness,mode,"
        + "speechiness,acousticness,instrumentalness,liveness,valence,tempo,time_signature,track_genre\n"

    /// A warehouse holding one track whose name carries CR LF and a formula, plus two plain ones.
    static let db: String = {
        let folder = try! temporaryFolder()
        let dump = folder.appendingPathComponent("hostile.csv")
        let audio = "0.5,0.6,5,-6.0,1,0.05,0.1,0.0,0.1,0.5,120.0,4,noise"
        let csv = header
            + "4qPNDBW1i3p13qLCt0Ki3A,Evil Band,\"Song\r\n=1+1\r\n#EXTINF:1,fake\",Album,50,200000,False,\(audio)\n"
            + "5SuOikwiRyPMVoIQDJUgSV,Plain Band,Plain Song,Album,60,210000,False,\(audio)\n"
            + "6lfxq3CG4xtTiEg7opyCyx,Plain Band,Other Song,Album,40,190000,False,\(audio)\n"
        try! Data(csv.utf8).write(to: dump)
        let path = folder.appendingPathComponent("hostile.sqlite").path
        let result = try! jukebox(["ingest", "--db", path, dump.path])
        precondition(result.status == 0, result.stderr)
        return path
    }()

    @Test func csvKeepsAValueWithCRLFInOneQuotedField() throws {
        let result = try jukebox(["sql", "--db", Self.db, "SELECT track_name FROM v_tracks WHERE track_id = '4qPNDBW1i3p13qLCt0Ki3A'", "--format", "csv"])
        #expect(result.status == 0)
        #expect(result.stdout == "track_name\n\"Song\r\n=1+1\r\n#EXTINF:1,fake\"\n")
    }

    @Test func m3uGivesEachTrackOneInfoLineAndOneURI() throws {
        let result = try jukebox(["playlist", "--db", Self.db, "--genre", "noise", "-c", "3", "--format", "m3u"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.first == "#EXTM3U")
        #expect(lines.count == 7)
        for (i, line) in lines.dropFirst().enumerated() {
            #expect(line.hasPrefix(i % 2 == 0 ? "#EXTINF:" : "spotify:track:"))
        }
        #expect(!result.stdout.contains("\r"))
        #expect(lines.contains("#EXTINF:200,Evil Band - Song  =1+1  #EXTINF:1,fake"))
    }

    @Test func m3uWithNoPlayableTrackIsAnError() throws {
        // A dump without a track id column: every track gets a derived jb- id, which no player can open.
        let folder = try temporaryFolder()
        let dump = folder.appendingPathComponent("no-ids.csv")
        try Data(("artist,song,duration_ms,explicit,year,popularity,danceability,energy,key,loudness,mode,speechiness,acousticness,"
                  + "instrumentalness,liveness,valence,tempo,genre\n"
                  + "A,One,200000,False,2001,50,0.5,0.5,5,-6.0,1,0.05,0.1,0.0,0.1,0.5,120.0,pop\n"
                  + "A,Two,210000,False,2002,40,0.5,0.6,5,-6.0,1,0.05,0.1,0.0,0.1,0.5,121.0,pop\n").utf8)
            .write(to: dump)
        let path = folder.appendingPathComponent("no-ids.sqlite").path
        #expect(try jukebox(["ingest", "--db", path, dump.path]).status == 0)
        let result = try jukebox(["playlist", "--db", path, "--genre", "pop", "--format", "m3u"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no track of the 2 has a Spotify id"))
    }
}
