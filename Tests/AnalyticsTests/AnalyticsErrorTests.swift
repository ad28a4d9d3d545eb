import Testing
@testable import Analytics

struct AnalyticsErrorTests {
    @Test func unknownNamesCarrySuggestions() {
        #expect(AnalyticsError.unknownGenre("kpop", suggestions: ["k-pop"]).localizedDescription
                == "no genre 'kpop' in the warehouse; did you mean 'k-pop'?")
        #expect(AnalyticsError.noChampion(task: "genre").localizedDescription
                == "no genre model has been trained yet; run `jukebox train genre` first")
    }
}
