import Core
import Testing

/// The one "same song" rule, on titles as the real dumps spell them.
@Suite struct SameSongTests {
    func same(_ a: (String, [String]), _ b: (String, [String])) -> Bool {
        var songs = SongSet()
        songs.insert(title: a.0, artists: a.1)
        return songs.contains(title: b.0, artists: b.1)
    }

    @Test func versionsOfASongAreOneSong() {
        #expect(same(("Here Comes The Sun - Remastered 2009", ["The Beatles"]), ("Here Comes The Sun", ["The Beatles"])))
        #expect(same(("Ente Pranayathin - From \"Chembada\"", ["A"]), ("Ente Pranayathin", ["A"])))
        #expect(same(("Sunflower (feat. Swae Lee)", ["Post Malone"]), ("Sunflower", ["Post Malone"])))
        #expect(same(("Sunflower feat. Swae Lee", ["Post Malone"]), ("Sunflower", ["Post Malone"])))
        #expect(same(("Creep [Live]", ["Radiohead"]), ("Creep", ["Radiohead"])))
        #expect(same(("Señorita", ["Shawn Mendes", "Camila Cabello"]), ("SENORITA", ["camila cabello", "Shawn Mendes"])))
        #expect(same(("Don't Start Now", ["Dua Lipa"]), ("Don‘t Start Now", ["Dua Lipa"])))
        // Credits that differ: the two dumps credit Gorgon City's song with and without MNEK.
        #expect(same(("Ready For Your Love", ["Gorgon City", "MNEK"]), ("Ready For Your Love", ["Gorgon City"])))
    }

    @Test func differentSongsStayApart() {
        // A hyphen inside a word is part of the title, not a version suffix.
        #expect(SameSong.title("Re-Wind") == "rewind")
        #expect(!same(("Re-Wind", ["Craig David"]), ("Re", ["Craig David"])))
        #expect(!same(("Hello", ["Adele"]), ("Hello", ["Lionel Richie"])))
        #expect(!same(("Hello", ["Adele"]), ("Someone Like You", ["Adele"])))
        // A title that starts with a bracket keeps it.
        #expect(SameSong.title("(I Can't Get No) Satisfaction") == "icantgetnosatisfaction")
        #expect(SameSong.title("ひまわりの約束") == "ひまわりの約束")
        #expect(SameSong.title("1999 - 2014 Remaster") == "1999")
    }

    @Test func keysGroupRecordingsByLeadArtist() {
        #expect(SameSong.key(title: "Creep - Remastered", leadArtist: "Radiohead") == SameSong.key(title: "creep", leadArtist: "RADIOHEAD"))
        #expect(SameSong.key(title: "Creep", leadArtist: "Radiohead") != SameSong.key(title: "Creep", leadArtist: "TLC"))
    }
}

struct PlayWeightTests {
    @Test func aPlayWeighsItsMinutesAndHalvesEveryNinetyDaysBack() {
        #expect(PlayWeight.weight(msPlayed: 180_000, skipped: false, reasonEnd: "trackdone", playedAt: "2025-06-01T00:00:00Z",
                                  latest: "2025-06-01T00:00:00Z") == 3)
        let old = PlayWeight.weight(msPlayed: 180_000, skipped: nil, reasonEnd: nil, playedAt: "2025-03-03T00:00:00Z", latest: "2025-06-01T00:00:00Z")
        #expect(abs(old - 1.5) < 1e-9)
        // Long plays are capped at ten minutes.
        #expect(PlayWeight.weight(msPlayed: 3_600_000, skipped: nil, reasonEnd: nil, playedAt: "2025-06-01T00:00:00Z", latest: "2025-06-01T00:00:00Z") == 10)
    }

    @Test func skipsCountAMinuteAgainst() {
        for (ms, skipped, reason) in [(200_000, true, "trackdone"), (200_000, false, "fwdbtn"), (29_999, false, "trackdone")] as [(Int, Bool, String)] {
            #expect(PlayWeight.isSkip(msPlayed: ms, skipped: skipped, reasonEnd: reason))
            #expect(PlayWeight.weight(msPlayed: ms, skipped: skipped, reasonEnd: reason, playedAt: "2025-06-01T00:00:00Z",
                                      latest: "2025-06-01T00:00:00Z") == -1)
        }
        #expect(!PlayWeight.isSkip(msPlayed: 30_000, skipped: nil, reasonEnd: nil))
    }

    @Test func readsStoredInstants() {
        #expect(PlayWeight.instant("1970-01-02T00:00:01Z")?.timeIntervalSince1970 == 86_401)
        #expect(PlayWeight.instant("2024-03-01T00:00:00Z")?.timeIntervalSince1970 == 1_709_251_200)
        #expect(PlayWeight.instant("yesterday") == nil)
    }
}
