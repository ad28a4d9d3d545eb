import Dispatch
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// `jukebox serve` reads through its own read-only connection: a writer holding the warehouse's write
/// lock (as `jukebox train` does while it writes its outputs) does not stop pages from answering.
@Suite struct ConcurrentWriteTests {
    @Test func pagesAnswerWhileAWriterHoldsTheLock() async throws {
        let writer = try DatabaseQueue(path: WebFixture.path)
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), finished = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? writer.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "INSERT INTO model_runs (task, feature_set, algorithm, status, started_at) VALUES ('genre', 'full', 'test', 'running', 'now')")
                holding.signal()
                release.wait()
                try db.execute(sql: "ROLLBACK")
            }
            finished.signal()
        }
        // Waits happen off the cooperative threads (two on this machine): blocking one of them while pages need
        // the other is how a test run can hang.
        await Self.wait(for: holding)
        // A fresh app has nothing cached: every page reads the warehouse now. The writer keeps its lock until
        // every page has answered, so a page that needed the lock would wait out the busy timeout and fail.
        // (No wall-clock limit: a loaded debug run can take over 20 s for a page without ever waiting.)
        do {
            try await WebFixture.app().test(.router) { client in
                for uri in ["/", "/genres", "/popularity", "/clusters", "/api/search?q=gh", "/sql?q=\(q("SELECT count(*) FROM model_runs"))"] {
                    let page = try await client.fetch(uri)
                    #expect(page.status == .ok, "\(uri)")
                }
            }
        } catch {
            release.signal()
            await Self.wait(for: finished)
            throw error
        }
        release.signal()
        await Self.wait(for: finished)
    }

    private static func wait(for semaphore: DispatchSemaphore) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                semaphore.wait()
                done.resume()
            }
        }
    }
}
