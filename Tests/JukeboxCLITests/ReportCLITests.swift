import Foundation
import Testing

/// `jukebox report --out PATH` says plainly why it cannot write, before doing any work.
struct ReportCLITests {
    @Test func reportToAMissingFolderOrAFolderIsRefusedInWords() throws {
        let folder = try temporaryFolder()
        let db = folder.appendingPathComponent("w.sqlite").path
        #expect(try jukebox(["ingest", "--db", db, sampleTopHits]).status == 0)
        let missing = folder.appendingPathComponent("no/such/x.html").path
        let noFolder = try jukebox(["report", "--db", db, "--out", missing])
        #expect(noFolder.status == 1)
        #expect(noFolder.stderr == "jukebox: error: cannot write \(missing): no such folder\n")
        let isFolder = try jukebox(["report", "--db", db, "--out", folder.path])
        #expect(isFolder.status == 1)
        #expect(isFolder.stderr == "jukebox: error: cannot write \(folder.path): it is a folder\n")
        let out = folder.appendingPathComponent("report.html").path
        let written = try jukebox(["report", "--db", db, "--out", out])
        #expect(written.status == 0)
        #expect(written.stderr.hasPrefix("jukebox: wrote \(out) ("))
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("<svg"))
        // - is standard output (no file named "-"); an empty name is a usage error.
        let piped = try jukebox(["report", "--db", db, "--out", "-"], in: folder)
        #expect(piped.status == 0 && piped.stdout.hasPrefix("<!DOCTYPE html>") && piped.stdout.contains("<svg"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("-").path))
        let empty = try jukebox(["report", "--db", db, "--out", ""])
        #expect(empty.status == 64 && empty.stderr.contains("--out needs a file name (or - for standard output)"))
    }
}
