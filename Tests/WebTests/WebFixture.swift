import Analytics
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Ingest
@_spi(WarehouseSQL) import Store
@testable import Web

/// A small real warehouse: both sample dumps plus a dump of hostile names, with every model trained.
/// Built once and shared; the tests only read it, through a read-only connection like `jukebox serve`.
enum WebFixture {
    static let hostileTrack = #"<script>alert(1)</script> & "x""#
    static let hostileArtist = "<b>Evil</b> & 'Co'"
    static let hostileGenre = #"<i>"noise"</i>"#

    static let path: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-web-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("web.sqlite").path
        let warehouse = try! Warehouse.open(path: path)
        let ingester = Ingester(warehouse: warehouse)
        for file in ["spotify_tracks_sample.csv", "top_hits_sample.csv"] {
            _ = try! ingester.ingest(path: root.appendingPathComponent("data/samples/\(file)").path)
        }
        let hostile = folder.appendingPathComponent("hostile.csv")
        let quotedTrack = "\"" + hostileTrack.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let quotedGenre = "\"" + hostileGenre.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        var csv = "artist,song,duration_ms,explicit,year,popularity,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,tempo,genre\n"
        csv += "\(hostileArtist),\(quotedTrack),201000,False,2011,55,0.61,0.72,5,-6.1,1,0.05,0.12,0.0,0.11,0.55,121.0,\(quotedGenre)\n"
        csv += "\(hostileArtist),Second <song>,199000,True,2012,41,0.41,0.52,7,-8.1,0,0.07,0.32,0.01,0.21,0.35,101.0,\(quotedGenre)\n"
        try! Data(csv.utf8).write(to: hostile)
        _ = try! ingester.ingest(path: hostile.path)

        var runner = TrainingRunner(warehouse: warehouse)
        runner.genre.boosting.rounds = 15
        runner.genre.stacking.rounds = 20
        runner.popularity.boosting.rounds = 30
        runner.clusters.clusterCount = 6
        runner.neighbours.neighbours = 8
        // As `jukebox train all`: full and audio-only champions for genre and popularity.
        for (task, featureSet) in TrainingTask.plan() {
            _ = try! runner.run(task, featureSet: featureSet)
        }
        return path
    }()

    /// The shared warehouse, opened read-only.
    static let warehouse: Warehouse = try! Warehouse.openReadOnly(path: path)

    static func app() -> some ApplicationProtocol { buildApplication(warehouse: warehouse) }

    /// One value, read without blocking a thread of the shared pool: tests blocking those threads on the
    /// reader pool while async page reads wait for a thread can deadlock on a two-core machine.
    static func scalar<T: DatabaseValueConvertible & Sendable>(_ sql: String) async throws -> T? {
        try await warehouse.pool.read { try T.fetchOne($0, sql: sql) }
    }
}

/// One response, read into a string.
struct Fetched {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: String

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }
}

extension TestClientProtocol {
    func fetch(_ uri: String) async throws -> Fetched {
        try await execute(uri: uri, method: .get) { response in
            Fetched(status: response.status, headers: response.headers, body: String(decoding: response.body.readableBytesView, as: UTF8.self))
        }
    }
}

/// Percent-encodes a query value.
func q(_ text: String) -> String { HTML.query(text) }
