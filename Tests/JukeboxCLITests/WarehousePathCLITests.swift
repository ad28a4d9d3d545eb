import Foundation
import Testing

/// Commands that only read refuse a warehouse path that does not exist; commands that write create it.
struct WarehousePathCLITests {
    @Test func readOnlyCommandsRefuseAMissingWarehouseAndCreateNothing() throws {
        let folder = try temporaryFolder()
        let typo = folder.appendingPathComponent("typo.sqlite").path
        let report = folder.appendingPathComponent("report.html").path
        let commands: [[String]] = [
            ["stats"], ["ingests"], ["rejects"], ["models"], ["models", "list"], ["models", "show", "1"], ["sql", "SELECT 1"],
            ["schema"], ["trends"], ["playlist", "--genre", "pop"], ["recommend", "5SuOikwiRyPMVoIQDJUgSV"],
            ["explain", "5SuOikwiRyPMVoIQDJUgSV"], ["predict", sampleTopHits], ["report", "--out", report],
            ["serve", "--port", "1"],
        ]
        for command in commands {
            let result = try jukebox(command + ["--db", typo])
            #expect(result.status == 1, "\(command)")
            #expect(result.stdout.isEmpty, "\(command)")
            #expect(result.stderr == "jukebox: error: no warehouse at \(typo) (run `jukebox ingest --db \(typo) FILE` to create one)\n",
                    "\(command)")
            #expect(!FileManager.default.fileExists(atPath: typo), "\(command) created the warehouse")
        }
        #expect(!FileManager.default.fileExists(atPath: report))
    }

    @Test func missingWarehouseFromTheEnvironmentSuggestsAPlainIngest() throws {
        let folder = try temporaryFolder()
        let typo = folder.appendingPathComponent("typo.sqlite").path
        let result = try jukebox(["stats"], environment: ["JUKEBOX_DB": typo])
        #expect(result.status == 1)
        #expect(result.stderr == "jukebox: error: no warehouse at \(typo) (run `jukebox ingest FILE` to create one)\n")
        #expect(!FileManager.default.fileExists(atPath: typo))
    }

    @Test func commandsThatWriteStillCreateTheWarehouse() throws {
        let folder = try temporaryFolder()
        let migrated = folder.appendingPathComponent("migrated.sqlite").path
        #expect(try jukebox(["migrate", "--db", migrated]).status == 0)
        #expect(FileManager.default.fileExists(atPath: migrated))
        let written = folder.appendingPathComponent("written.sqlite").path
        let sql = try jukebox(["sql", "--write", "--db", written, "CREATE TABLE notes (x)"])
        #expect(sql.status == 0)
        #expect(FileManager.default.fileExists(atPath: written))
        // The new warehouse reads as empty, not as an error.
        #expect(try jukebox(["stats", "--db", migrated, "--format", "csv"]).stdout.contains("tracks,0\n"))
    }
}
