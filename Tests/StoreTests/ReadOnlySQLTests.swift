import Foundation
import GRDB
@_spi(WarehouseSQL) @testable import Store
import Testing

/// A small migrated warehouse with three tracks, for the SQL runner.
private func smallWarehouse() throws -> Warehouse {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-sql-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let warehouse = try Warehouse.open(path: folder.appendingPathComponent("w.sqlite").path)
    try warehouse.pool.write { db in
        try db.execute(sql: """
            INSERT INTO ingests (ingest_id, file_name, file_sha256, file_bytes, status, started_at)
                VALUES (1, 'hand.csv', 'x', 1, 'succeeded', '2026-01-01T00:00:00Z');
            INSERT INTO tracks (track_id, name, first_ingest_id, last_ingest_id) VALUES
                ('a', 'Alpha', 1, 1), ('b', 'Beta', 1, 1), ('c', 'Gamma', 1, 1);
            INSERT INTO genres (genre_id, name) VALUES (1, 'pop');
            """)
    }
    return warehouse
}

private func counts(_ warehouse: Warehouse) throws -> [Int] {
    try warehouse.pool.read { db in
        try ["tracks", "genres", "sqlite_master"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 }
    }
}

struct ReadOnlySQLTests {
    static let writeAttempts: [(sql: String, index: Int, shown: String)] = [
        ("DROP TABLE tracks", 1, "DROP TABLE tracks"),
        ("DELETE FROM tracks", 1, "DELETE FROM tracks"),
        ("INSERT INTO genres (name) VALUES ('rock')", 1, "INSERT INTO genres (name) VALUES ('rock')"),
        ("REPLACE INTO genres (genre_id, name) VALUES (1, 'rock')", 1, "REPLACE INTO genres (genre_id, name) VALUES (1, 'rock')"),
        ("UPDATE tracks SET name = 'x'", 1, "UPDATE tracks SET name = 'x'"),
        ("CREATE TABLE scratch (x)", 1, "CREATE TABLE scratch (x)"),
        ("CREATE TEMP TABLE scratch (x)", 1, "CREATE TEMP TABLE scratch (x)"),
        ("CREATE INDEX idx_name ON tracks (name)", 1, "CREATE INDEX idx_name ON tracks (name)"),
        ("ALTER TABLE tracks ADD COLUMN x", 1, "ALTER TABLE tracks ADD COLUMN x"),
        ("ATTACH DATABASE ':memory:' AS other", 1, "ATTACH DATABASE ':memory:' AS other"),
        ("DETACH DATABASE other", 1, "DETACH DATABASE other"),
        ("VACUUM", 1, "VACUUM"),
        ("REINDEX", 1, "REINDEX"),
        ("ANALYZE", 1, "ANALYZE"),
        ("PRAGMA journal_mode=DELETE", 1, "PRAGMA journal_mode=DELETE"),
        ("PRAGMA user_version=5", 1, "PRAGMA user_version=5"),
        ("PRAGMA foreign_keys = OFF", 1, "PRAGMA foreign_keys = OFF"),
        ("PRAGMA writable_schema = ON", 1, "PRAGMA writable_schema = ON"),
        ("SAVEPOINT s", 1, "SAVEPOINT s"),
        ("BEGIN; DELETE FROM tracks", 1, "BEGIN"),
        ("/* x */ DROP TABLE tracks", 1, "DROP TABLE tracks"),
        ("-- c\nDELETE FROM tracks", 1, "DELETE FROM tracks"),
        ("SELECT 1; DROP TABLE tracks", 2, "DROP TABLE tracks"),
        ("SELECT 1;\n  /* a */ -- b\n  delete from tracks;", 2, "delete from tracks"),
        ("WITH doomed AS (SELECT track_id FROM tracks) DELETE FROM tracks WHERE track_id IN doomed", 1,
         "WITH doomed AS (SELECT track_id FROM tracks) DELETE FROM tr…"),
        ("CREATE TABLE t (x); SELECT * FROM t", 1, "CREATE TABLE t (x)"),
    ]

    @Test func everyWriteAttemptIsRefusedAndNothingChanges() throws {
        let warehouse = try smallWarehouse()
        let before = try counts(warehouse)
        for attempt in Self.writeAttempts {
            do {
                _ = try ReadOnlySQL().read(attempt.sql, in: warehouse.pool)
                Issue.record("not refused: \(attempt.sql)")
            } catch let error as ReadOnlySQLError {
                guard case let .refused(index, statement, _) = error else {
                    Issue.record("\(attempt.sql): expected a refusal, got \(error)")
                    continue
                }
                #expect(index == attempt.index, "\(attempt.sql)")
                #expect(statement == attempt.shown, "\(attempt.sql)")
                #expect(error.localizedDescription.contains("`jukebox sql` only reads unless given --write"))
            }
        }
        #expect(try counts(warehouse) == before)
    }

    /// The guard does not lean on the read-only connection: on a writable one it refuses just the same.
    @Test func guardHoldsOnAWritableConnection() throws {
        let warehouse = try smallWarehouse()
        let queue = try DatabaseQueue(path: warehouse.path)
        for attempt in Self.writeAttempts {
            #expect(throws: ReadOnlySQLError.self, "\(attempt.sql)") {
                try queue.inDatabase { db in
                    let statements = try db.allStatements(sql: attempt.sql)
                    while let statement = try statements.next() { try SQLGuard.check(statement, index: 1) }
                }
            }
        }
    }

    @Test func readsAreAllowed() throws {
        let warehouse = try smallWarehouse()
        let sql = ReadOnlySQL()
        func values(_ text: String) throws -> [[String]] {
            try sql.read(text, in: warehouse.pool).flatMap(\.rows).map { $0.map(\.description) }
        }
        #expect(try values("SELECT track_id FROM tracks ORDER BY 1") == [["\"a\""], ["\"b\""], ["\"c\""]])
        #expect(try values("WITH x AS (SELECT count(*) AS n FROM tracks) SELECT n * 2 FROM x") == [["6"]])
        #expect(try values("VALUES (1), (2)") == [["1"], ["2"]])
        #expect(try values("-- why\n/* note */ select name from genres") == [["\"pop\""]])
        #expect(try values("PRAGMA user_version") == [["0"]])
        #expect(try values("PRAGMA main.table_info('genres')").map { $0[1] } == ["\"genre_id\"", "\"name\"", "\"vocabulary\""])
        #expect(try values("PRAGMA index_list(tracks)").count == 2)
        let plan = try sql.read("EXPLAIN QUERY PLAN SELECT * FROM tracks WHERE track_id = 'a'", in: warehouse.pool)
        #expect(plan[0].columns.contains("detail"))
        let two = try sql.read("SELECT 1; SELECT 'x' AS y, 2 AS z", in: warehouse.pool)
        #expect(two.map(\.index) == [1, 2])
        #expect(two[1].columns == ["y", "z"])
        #expect(two.allSatisfy { $0.changes == nil })
    }

    /// SQLite applies many setting pragmas while preparing them, so they are refused before anything is prepared:
    /// the connection keeps its settings, and the process survives the ones that would abort it.
    @Test func settingPragmasAreRefusedBeforeTheyApply() throws {
        let warehouse = try smallWarehouse()
        let setting = ["PRAGMA case_sensitive_like = 1", "PRAGMA cache_size=5", "SELECT 1; PRAGMA busy_timeout = 1",
                       "PRAGMA hard_heap_limit=100000", "PRAGMA soft_heap_limit = 1", "/* x */ pragma temp_store_directory = '/tmp'"]
        for sql in setting {
            for _ in 0..<3 {
                #expect(throws: ReadOnlySQLError.self, "\(sql)") { try ReadOnlySQL().read(sql, in: warehouse.pool) }
            }
        }
        let after = try warehouse.pool.read { db in
            [try Int.fetchOne(db, sql: "SELECT 'a' LIKE 'A'"), try Int.fetchOne(db, sql: "SELECT cache_size FROM pragma_cache_size")]
        }
        #expect(after[0] == 1)
        #expect(after[1] != 5)
        #expect(throws: ReadOnlySQLError.refused(index: 1, statement: "SELECT fts3_tokenizer('simple')", reason: "fts3_tokenizer is not allowed")) {
            try ReadOnlySQL().read("SELECT fts3_tokenizer('simple')", in: warehouse.pool)
        }
    }

    @Test func statementsSplitOutsideQuotesAndComments() {
        #expect(SQLText.statements("SELECT ';' ; /* ; */ SELECT \"a;b\" -- ;\n; SELECT [x;y], `p;q`;;") ==
                ["SELECT ';'", "SELECT \"a;b\"", "SELECT [x;y], `p;q`"])
        #expect(SQLText.statements("SELECT 1 - 2; SELECT 4 / 2") == ["SELECT 1 - 2", "SELECT 4 / 2"])
        #expect(SQLText.statements("SELECT 'it''s'; PRAGMA x=1") == ["SELECT 'it''s'", "PRAGMA x=1"])
        #expect(SQLText.statements("  -- only a comment\n /* and another */ ").isEmpty)
    }

    @Test func valuesAndResultsHaveByteCaps() throws {
        let warehouse = try smallWarehouse()
        var small = ReadOnlySQL()
        small.maxValueBytes = 1_000_000
        #expect(throws: ReadOnlySQLError.failed(index: 1, message: "string or blob too big")) {
            try small.read("SELECT zeroblob(2000000)", in: warehouse.pool)
        }
        // The limit is the user's statements' only: the app's own queries on the same connections are not held to it.
        #expect(try warehouse.pool.read { try Int.fetchOne($0, sql: "SELECT length(zeroblob(20000000))") } == 20_000_000)
        small.maxResultBytes = 250
        let cut = try small.read("SELECT printf('%.*c', 100, 'x') FROM tracks; SELECT 1", in: warehouse.pool)
        #expect(cut[0].rows.count == 2 && cut[0].truncated && cut[0].cutAtByteCap)
        #expect(cut[1].rows.isEmpty && cut[1].cutAtByteCap)
    }

    @Test func runawayQueryStopsAtTheTimeLimit() throws {
        let warehouse = try smallWarehouse()
        // The count never ends by itself: an answer at all is the time limit's doing, and it says so.
        #expect(throws: ReadOnlySQLError.timedOut(index: 2, seconds: 0.3)) {
            try ReadOnlySQL(timeout: 0.3).read(
                "SELECT 1; WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
                in: warehouse.pool)
        }
        // The limit is gone afterwards: the same connection runs a normal query.
        #expect(try ReadOnlySQL().read("SELECT count(*) FROM tracks", in: warehouse.pool)[0].rows.count == 1)
        #expect(ReadOnlySQLError.timedOut(index: 2, seconds: 0.3).localizedDescription
                == "statement 2 was stopped at the time limit of 0.3 s; allow more with --timeout SECONDS")
    }

    @Test func oneLongFunctionCallCannotOutrunTheTimeLimit() throws {
        let warehouse = try smallWarehouse()
        // SQLite builds this repeat one append at a time and never looks at the interrupt flag: it is refused up front,
        // by the format guard (its message), not stopped by a time limit (a limit of an hour would be hit only after it).
        #expect(throws: ReadOnlySQLError.failed(
            index: 1, message: "printf width or precision 2147483647 is over the limit of 10000000 bytes for one value")) {
            try ReadOnlySQL(timeout: 3600).read("SELECT printf('%.*c', 2147483647, 'x')", in: warehouse.pool)
        }
        #expect(throws: ReadOnlySQLError.failed(
            index: 1, message: "printf width or precision 99999999999 is over the limit of 10000000 bytes for one value")) {
            try ReadOnlySQL(timeout: 3600).read("SELECT format('%0*d', '99999999999', 1)", in: warehouse.pool)
        }
        // Ordinary formats give SQLite's own answers, and the app's own queries keep the built-in printf.
        let formatted = try ReadOnlySQL().read("SELECT printf('%d-%s-%5.2f|%*d|%%', 5, 'a', 3.14159, 3, 7), format('%q', 'it''s')",
                                               in: warehouse.pool)
        #expect(formatted[0].rows[0] == ["5-a- 3.14|  7|%".databaseValue, "it''s".databaseValue])
        #expect(try warehouse.pool.read { try String.fetchOne($0, sql: "SELECT printf('%.*c', 3, 'x')") } == "xxx")
    }

    @Test func consoleQueriesRunConcurrentlyAndStopWhenTheirTaskIsCancelled() async throws {
        let warehouse = try smallWarehouse()
        // The pool's connections count the long queries that have begun (`began()`), so the test knows they run.
        let events = QueryEvents()
        var configuration = Warehouse.configuration(readOnly: true)
        configuration.prepareDatabase { db in
            db.add(function: DatabaseFunction("began", argumentCount: 0, pure: false) { _ in events.began(); return 1 })
        }
        let pool = try DatabasePool(path: warehouse.path, configuration: configuration)
        // Never-ending counts under a limit of an hour: only cancelling them can stop them within the test.
        let slow = "WITH RECURSIVE c(x) AS (SELECT began() UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
        let long = (0..<2).map { _ in
            Task {
                defer { events.ended() }
                return try await ReadOnlySQL(timeout: 3600).read(slow, in: pool as any DatabaseReader)
            }
        }
        while events.counts.began < 2 { try await Task.sleep(for: .milliseconds(10)) }
        // A short query answers while both long ones are still running.
        let quick = try await ReadOnlySQL(timeout: 3600).read("SELECT 1", in: pool as any DatabaseReader)
        #expect(quick[0].rows == [[1.databaseValue]])
        #expect(events.counts.ended == 0)
        // Cancelling the callers' tasks (clients that went away) stops the queries: they end cancelled, not timed out.
        for task in long { task.cancel() }
        for task in long {
            let result = await task.result
            #expect(throws: CancellationError.self) { try result.get() }
        }
        #expect(events.counts.began == 2 && events.counts.ended == 2)
    }

    @Test func rowCapCutsAndSaysSo() throws {
        let warehouse = try smallWarehouse()
        let series = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT %d) SELECT x FROM c"
        let cut = try ReadOnlySQL(maxRows: 5).read(String(format: series, 20), in: warehouse.pool)[0]
        #expect(cut.rows.count == 5 && cut.truncated)
        #expect(cut.rows.last?.first == 5.databaseValue)
        let exact = try ReadOnlySQL(maxRows: 5).read(String(format: series, 5), in: warehouse.pool)[0]
        #expect(exact.rows.count == 5 && !exact.truncated)
    }

    @Test func emptyAndBrokenInput() throws {
        let warehouse = try smallWarehouse()
        #expect(throws: ReadOnlySQLError.empty) { try ReadOnlySQL().read("  -- nothing\n ; ", in: warehouse.pool) }
        #expect(throws: ReadOnlySQLError.failed(index: 2, message: "near \"SELEC\": syntax error")) {
            try ReadOnlySQL().read("SELECT 1; SELEC 2", in: warehouse.pool)
        }
    }

    @Test func writeModeRunsStatementsInTurnAndCountsChanges() throws {
        let warehouse = try smallWarehouse()
        let results = try ReadOnlySQL().write(
            "CREATE TABLE scratch (x); INSERT INTO scratch VALUES (1), (2); SELECT count(*) FROM scratch; "
                + "UPDATE tracks SET name = upper(name) WHERE track_id <> 'a'; DROP TABLE scratch",
            in: warehouse.pool)
        #expect(results.map(\.changes) == [0, 2, nil, 2, 0])
        #expect(results[2].rows == [[2.databaseValue]])
        #expect(try warehouse.pool.read { try String.fetchAll($0, sql: "SELECT name FROM tracks ORDER BY 1") }
                == ["Alpha", "BETA", "GAMMA"])
        #expect(throws: ReadOnlySQLError.uncommitted) {
            try ReadOnlySQL().write("BEGIN; DELETE FROM genres", in: warehouse.pool)
        }
        #expect(try warehouse.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM genres") } == 1)
        let committed = try ReadOnlySQL().write("BEGIN; DELETE FROM genres; COMMIT", in: warehouse.pool)
        #expect(committed.map(\.changes) == [nil, 1, nil])
    }
}

/// How many long queries have begun and ended, counted from their connections and tasks.
private final class QueryEvents: @unchecked Sendable {
    private let lock = NSLock()
    private var beganCount = 0
    private var endedCount = 0

    var counts: (began: Int, ended: Int) { lock.withLock { (beganCount, endedCount) } }
    func began() { lock.withLock { beganCount += 1 } }
    func ended() { lock.withLock { endedCount += 1 } }
}
