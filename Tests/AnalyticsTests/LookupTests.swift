import Core
import GRDB
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

struct LookupTests {
    func read<T>(_ body: (Database) throws -> T) throws -> T { try QueryFixtures.sample.pool.read(body) }

    @Test func nearMissesRankPrefixesThenEditDistance() {
        #expect(NearMiss.suggestions(for: "kpop", among: ["k-pop", "rock", "pop", "j-pop"]) == ["k-pop", "pop"])
        #expect(NearMiss.suggestions(for: "hip", among: ["hip hop", "hip-hop", "trip-hop"]) == ["hip hop", "hip-hop"])
        #expect(NearMiss.suggestions(for: "Beyonce", among: ["Beyoncé", "Boyce"]) == ["Beyoncé"])
        #expect(NearMiss.suggestions(for: "zzzz", among: ["rock", "pop"]).isEmpty)
        #expect(NearMiss.editDistance(Array("kitten"), Array("sitting"), atMost: 5) == 3)
        #expect(NearMiss.editDistance(Array("kitten"), Array("sitting"), atMost: 2) == nil)
    }

    @Test func twoSwappedNeighboursAreOneEdit() {
        #expect(NearMiss.editDistance(Array("trian"), Array("train"), atMost: 1) == 1)
        #expect(NearMiss.editDistance(Array("ca"), Array("abc"), atMost: 3) == 3)
        #expect(NearMiss.suggestions(for: "trian", among: ["train", "trends", "retrain"]) == ["train"])
    }

    @Test func genresArtistsAndFeaturesResolveIgnoringCase() throws {
        #expect(try read { try NameLookup.genre("J-POP", in: $0) } == "j-pop")
        #expect(try read { try NameLookup.artist("gen hoshino", in: $0) } == "Gen Hoshino")
        // SQLite's NOCASE folds ASCII only; the Unicode fallback finds these.
        #expect(try read { try NameLookup.artist("CÉLINE DION", in: $0) } == "Céline Dion")
        #expect(try read { try NameLookup.artist("dj ötzi", in: $0) } == "DJ Ötzi")
        #expect(try NameLookup.feature("Energy") == .energy)
        #expect(try NameLookup.feature("duration_ms") == .durationMS)
        #expect(throws: AnalyticsError.unknownGenre("acoustc", suggestions: ["acoustic"])) {
            try read { try NameLookup.genre("acoustc", in: $0) }
        }
        #expect(throws: AnalyticsError.unknownArtist("Gen Hoshin", suggestions: ["Gen Hoshino"])) {
            try read { try NameLookup.artist("Gen Hoshin", in: $0) }
        }
        #expect(throws: AnalyticsError.unknownFeature("enrgy", suggestions: ["energy"])) { try NameLookup.feature("enrgy") }
    }

    @Test func tracksResolveByIdOrArtistAndTitle() throws {
        let comedy = TrackMatch(trackID: "5SuOikwiRyPMVoIQDJUgSV", name: "Comedy", artists: ["Gen Hoshino"])
        for query in ["5SuOikwiRyPMVoIQDJUgSV", "spotify:track:5SuOikwiRyPMVoIQDJUgSV",
                      "https://open.spotify.com/track/5SuOikwiRyPMVoIQDJUgSV?si=abc", "Gen Hoshino - Comedy",
                      "gen hoshino - comedy", "Comedy"] {
            #expect(try read { try NameLookup.track(query, in: $0) } == comedy, "\(query)")
        }
        #expect(try read { try NameLookup.track("DJ ÖTZI - HEY BABY (RADIO MIX)", in: $0) }.name == "Hey Baby (Radio Mix)")
        #expect(try read { try NameLookup.track("THE KETCHUP SONG (ASEREJÉ) - SPANGLISH VERSION", in: $0) }.name
                == "The Ketchup Song (Aserejé) - Spanglish Version")
        // The title itself contains " - ": every split point is tried.
        #expect(try read { try NameLookup.track("Ben Woodward - Ghost - Acoustic", in: $0) }.trackID == "4qPNDBW1i3p13qLCt0Ki3A")
        #expect(comedy.label == "Gen Hoshino - Comedy")
        #expect(throws: AnalyticsError.unknownTrack("Gen Hoshin - Comedy", suggestions: ["Gen Hoshino - Comedy"])) {
            try read { try NameLookup.track("Gen Hoshin - Comedy", in: $0) }
        }
    }

    /// The one play matcher (`PlayMatcher`, for a history file's lines and a listener's plays) finds the song
    /// `NameLookup.track` finds: every sample track by id, by "artist - title" in any case (any credited artist), and
    /// by title alone, and the spellings above.
    @Test func playMatcherFindsTheSongNameLookupFinds() throws {
        try read { db in
            let matcher = try PlayMatcher(db)
            var queries = ["spotify:track:5SuOikwiRyPMVoIQDJUgSV", "https://open.spotify.com/track/5SuOikwiRyPMVoIQDJUgSV?si=abc",
                           " gen hoshino - comedy ", "DJ ÖTZI - HEY BABY (RADIO MIX)", "THE KETCHUP SONG (ASEREJÉ) - SPANGLISH VERSION",
                           "Ben Woodward - Ghost - Acoustic"]
            for row in try Row.fetchAll(db, sql: "SELECT track_id, track_name, artists FROM v_tracks") {
                let artists = (row["artists"] as String).split(separator: ";")
                queries += [row["track_id"], row["track_name"], (row["track_name"] as String).uppercased(),
                            "\(artists.last!) - \(row["track_name"] as String)"]
            }
            func song(_ id: String) throws -> SongKey {
                let row = try #require(try Row.fetchOne(db, sql: "SELECT track_name, artists FROM v_tracks WHERE track_id = ?", arguments: [id]))
                return SongKey(title: row[0], artists: (row[1] as String).split(separator: ";").map(String.init))
            }
            for query in queries {
                let found = try #require(matcher.match(query), "\(query)")
                var songs = SongSet()
                songs.insert(try song(try NameLookup.track(query, in: db).trackID))
                // The same song; for a bare title, a track of that title.
                let foundSong = try song(found)
                #expect(songs.contains(foundSong) || foundSong.title == SameSong.title(query), "\(query)")
            }
            #expect(matcher.match("5SuOikwiRyPMVoIQDJUgSV") == "5SuOikwiRyPMVoIQDJUgSV")
            #expect(matcher.match("Gen Hoshin - Comedy") == nil)
            #expect(matcher.match("") == nil)
            // A play: its id when the warehouse holds it, else the same song by artist and title.
            #expect(matcher.match(spotifyID: "5SuOikwiRyPMVoIQDJUgSV", title: "", artist: nil) == "5SuOikwiRyPMVoIQDJUgSV")
            #expect(matcher.match(spotifyID: "0000000000000000000000", title: "Comedy - Remastered 2020", artist: "GEN HOSHINO") == "5SuOikwiRyPMVoIQDJUgSV")
        }
    }
}
