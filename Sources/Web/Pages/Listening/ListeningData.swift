import Analytics
import Foundation
import Store

/// What the Listening page shows for one listener: their months (`Listening.report`, the answer `jukebox trends
/// --listener` prints) and their recommendations (`recommend --listener`), both from Analytics.
struct ListeningData: Sendable {
    var report: ListeningReport
    var recommendations: ListenerRecommendationAnswer

    static func load(_ reader: WarehouseReader, listener: String, space: @escaping () throws -> RecommendationSpace) throws -> ListeningData {
        let report = try Listening.report(listener, by: .month, in: reader)
        let answer = try PlaylistContinuation().recommend(ListenerRecommendationRequest(listener: report.listener), in: reader, space: space)
        return ListeningData(report: report, recommendations: answer)
    }
}
