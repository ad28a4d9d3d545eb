import Analytics
import Foundation
import Store

/// What the Listening page shows for one listener: their months (`Listening.report`, the answer `jukebox trends
/// --listener` prints) and their recommendations (`recommend --listener`), both from Analytics.
struct ListeningData: Sendable {
    var report: ListeningReport
    var recommendations: RecommendationAnswer

    /// `recommend` is the engine as the caller runs it (with the web app's kept audio space, or the report's).
    static func load(_ reader: WarehouseReader, listener: String,
                     recommend: (RecommendationRequest) throws -> RecommendationAnswer) throws -> ListeningData {
        let report = try Listening.report(listener, by: .month, in: reader)
        let answer = try recommend(RecommendationRequest(seed: .listener(report.listener)))
        return ListeningData(report: report, recommendations: answer)
    }
}
