import Foundation
import GRDB
import Ingest
import Learning
@_spi(WarehouseSQL) import Store
import Testing
@testable import Analytics

/// Values read from options, files or a stored model that once stopped the process with an overflow or a
/// conversion trap: each has a defined outcome.
struct NumberBoundsTests {
    @Test func aRecommendationCountPastTheTracksReturnsThemAll() throws {
        let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/samples")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-bounds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let warehouse = try Warehouse.open(path: folder.appendingPathComponent("w.sqlite").path)
        try Ingester(warehouse: warehouse).ingest(path: data.appendingPathComponent("spotify_tracks_sample.csv").path)
        func recommend(_ count: Int) throws -> [String] {
            var request = RecommendationRequest(seed: .tracks(["5SuOikwiRyPMVoIQDJUgSV"]))
            request.count = count
            return try warehouse.pool.read { try RecommendationEngine().recommend(request, in: $0).results.map(\.trackID) }
        }
        let all = try recommend(.max)
        let withAudio = try warehouse.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audio_features") } ?? 0
        #expect(all.count > withAudio / 2 && all.count < withAudio)
        #expect(all == (try recommend(10_000)))
    }

    @Test func sparklineAndExplanationNumbersPastIntsRangeAreText() {
        #expect(Sparkline.render([0, 1, .nan]) == "▁█ ")
        #expect(TrackExplanation.format(1e20) == "1e+20")
        #expect(TrackExplanation.format(.infinity) == "inf")
        #expect(TrackExplanation.format(1234) == "1234")
        #expect(TrackExplanation.format(0.5) == "0.5")
    }

    @Test func aStoredTallyWithANegativeCountIsAnErrorNotATrap() throws {
        var writer = BinaryWriter()
        writer.write(-1)
        var reader = BinaryReader(writer.bytes)
        #expect(throws: LearningError.self) { _ = try GenreTally.decode(from: &reader) }
        var huge = BinaryWriter()
        huge.write(Int.max)
        var hugeReader = BinaryReader(huge.bytes)
        #expect(throws: LearningError.self) { _ = try GenreTally.decode(from: &hugeReader) }
    }
}
