import Foundation
import Testing

/// The standardized audio space kept on disk (`audio_space_snapshots`): `train` writes it, a change to the audio
/// features deletes it, `retrain` writes it again, and `recommend` answers from it exactly as it does by scanning;
/// a kept space whose row does not hold together is ignored.
struct AudioSpaceSnapshotCLITests {
    @Test func recommendReadsTheKeptSpaceAndAnswersAsTheScanDoes() throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        let playlists = repositoryRoot.appendingPathComponent("data/samples/spotify_playlists_sample.csv").path
        #expect(try jukebox(["ingest", "--db", db, sampleSpotify, playlists]).status == 0)
        func value(_ sql: String) throws -> String {
            try jukebox(["sql", "--db", db, sql, "--format", "csv"]).stdout.split(separator: "\n").dropFirst().first.map(String.init) ?? ""
        }
        #expect(try value("SELECT count(*) FROM audio_space_snapshots") == "0")
        #expect(try jukebox(["train", "--db", db, "clusters", "--clusters", "5"]).status == 0)
        let tracks = try value("SELECT count(*) FROM v_audio_features")
        #expect(try value("SELECT track_count FROM audio_space_snapshots") == tracks)
        #expect(try value("SELECT length(points) FROM audio_space_snapshots") == String(Int(tracks)! * 9 * 8))

        let seed = try value("SELECT track_id FROM v_audio_features ORDER BY track_id LIMIT 1 OFFSET 7")
        func answer() throws -> [(id: String, score: Double, distance: Double)] {
            let run = try jukebox(["recommend", "--db", db, seed, "--format", "json"])
            #expect(run.status == 0, "\(run.stderr)")
            let rows = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
            return rows.map { ($0["track_id"] as? String ?? "", $0["score"] as? Double ?? -1, $0["distance"] as? Double ?? -1) }
        }
        func same(_ a: [(id: String, score: Double, distance: Double)], _ b: [(id: String, score: Double, distance: Double)]) -> Bool {
            a.map(\.id) == b.map(\.id) && zip(a, b).allSatisfy { abs($0.score - $1.score) < 1e-9 && abs($0.distance - $1.distance) < 1e-9 }
        }
        let kept = try answer()
        try #require(kept.count == 10)

        // The kept space is what answers: other scales in it (2.0 for every feature) move every distance.
        let twos = "x'" + String(repeating: "0000000000000040", count: 9) + "'"
        #expect(try jukebox(["sql", "--db", db, "--write", "UPDATE audio_space_snapshots SET scales = \(twos)"]).status == 0)
        #expect(!same(try answer(), kept))

        // A row that does not hold together (points cut short) is ignored: the scan answers, as with the space intact.
        #expect(try jukebox(["sql", "--db", db, "--write", "DELETE FROM audio_space_snapshots"]).status == 0)
        let scanned = try answer()
        #expect(same(scanned, kept))
        #expect(try jukebox(["retrain", "--db", db]).status == 0)
        #expect(try value("SELECT track_count FROM audio_space_snapshots") == tracks)
        #expect(try jukebox(["sql", "--db", db, "--write", "UPDATE audio_space_snapshots SET points = substr(points, 1, 8)"]).status == 0)
        #expect(same(try answer(), kept))

        // New audio features delete the kept space; `retrain` keeps the new one.
        #expect(try jukebox(["ingest", "--db", db, sampleTopHits]).status == 0)
        #expect(try value("SELECT count(*) FROM audio_space_snapshots") == "0")
        #expect(try jukebox(["retrain", "--db", db]).status == 0)
        #expect(try value("SELECT track_count FROM audio_space_snapshots") == (try value("SELECT count(*) FROM v_audio_features")))
        #expect(try value("SELECT count(*) FROM v_audio_features") != tracks)
    }
}
