import Foundation
import Testing

/// `trends --compare 1 2` reads two genres; the hint to compare ingests is for those two only.
struct TrendsHintCLITests {
    private let genres = "(genres, the first 20 of 26: acoustic, afrobeat, alt-rock, alternative, ambient, anime, blues, country, "
        + "Dance/Electronic, dub, easy listening, Folk/Acoustic, hip hop, j-pop, j-rock, latin, metal, pop, punk, punk-rock; "
        + "all of them: jukebox sql \"SELECT name FROM genres ORDER BY name\")"

    @Test func aMistypedGenreFilterIsNotTakenForAnIngestToCompare() throws {
        let typo = try jukebox(["trends", "--db", QueryCLITests.db, "--compare", "1", "2", "--genre", "acoustc"])
        #expect(typo.status == 1)
        #expect(typo.stderr == "jukebox: error: no genre 'acoustc' in the warehouse; did you mean 'acoustic'? \(genres)\n")
        let ingests = try jukebox(["trends", "--db", QueryCLITests.db, "--compare", "1", "2", "--genre", "acoustic"])
        #expect(ingests.status == 1)
        #expect(ingests.stderr == "jukebox: error: no genre '1' in the warehouse \(genres); to compare ingests, give --by snapshot\n")
    }
}
