import Foundation
import Testing
@testable import Store

private func contents(_ path: String) throws -> String {
    try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
}

struct RunLockTests {
    @Test func refusesASymbolicLinkAndLeavesItsTargetAlone() throws {
        let db = try temporaryWarehousePath()
        let target = db + ".precious"
        try Data("precious\n".utf8).write(to: URL(fileURLWithPath: target))
        let path = RunLock.Kind.training.path(warehousePath: db)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        #expect(throws: StoreError.unsafeLock(path: path, reason: "it is a symbolic link")) { _ = try RunLock(.training, warehousePath: db) }
        // A dangling link, which O_CREAT alone would follow to create its target, is refused just the same.
        let dangling = RunLock.Kind.ingest.path(warehousePath: db)
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: db + ".created")
        #expect(throws: StoreError.unsafeLock(path: dangling, reason: "it is a symbolic link")) { _ = try RunLock(.ingest, warehousePath: db) }
        #expect(try contents(target) == "precious\n")
        #expect(!FileManager.default.fileExists(atPath: db + ".created"))
        #expect(StoreError.unsafeLock(path: path, reason: "it is a symbolic link").localizedDescription
            == "refusing the lock file \(path): it is a symbolic link, which Jukebox neither follows nor writes; remove it and try again")
    }

    @Test func refusesSomethingThatIsNotARegularFile() throws {
        let db = try temporaryWarehousePath()
        let path = RunLock.Kind.training.path(warehousePath: db)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: StoreError.self) { _ = try RunLock(.training, warehousePath: db) }
    }

    @Test func writesItsHolderWhileHeldAndASecondTakerIsBusy() throws {
        let db = try temporaryWarehousePath()
        let path = RunLock.Kind.training.path(warehousePath: db)
        var lock: RunLock? = try RunLock(.training, warehousePath: db)
        let parts = try contents(path).split(separator: " ")
        #expect(parts.first == "\(getpid())" && parts.count == 2 && parts[1].hasSuffix("Z\n"))
        do {
            _ = try RunLock(.training, warehousePath: db)
            Issue.record("took a held lock")
        } catch let StoreError.runBusy(run, busyPath, holder) {
            #expect(run == "training run" && busyPath == path)
            #expect(holder == RunLock.Holder(processID: "\(getpid())", since: String(parts[1].dropLast())))
        }
        withExtendedLifetime(lock) {}
        lock = nil
        #expect(try contents(path).isEmpty)
        _ = try RunLock(.training, warehousePath: db)
    }

    @Test func leavesTheContentOfAFileWithAnotherNameOrOwner() throws {
        let db = try temporaryWarehousePath()
        let path = RunLock.Kind.ingest.path(warehousePath: db)
        let other = db + ".other"
        try Data("keep\n".utf8).write(to: URL(fileURLWithPath: other))
        try FileManager.default.linkItem(atPath: other, toPath: path)
        do {
            let lock = try RunLock(.ingest, warehousePath: db)
            #expect(RunLock.isHeldElsewhere(.ingest, warehousePath: db) == false)
            withExtendedLifetime(lock) {}
        }
        #expect(try contents(other) == "keep\n")
        if geteuid() == 0 {
            try FileManager.default.removeItem(atPath: path)
            try Data("theirs\n".utf8).write(to: URL(fileURLWithPath: path))
            #expect(chown(path, 65534, 65534) == 0)
            withExtendedLifetime(try RunLock(.ingest, warehousePath: db)) {}
            #expect(try contents(path) == "theirs\n")
        }
    }

    /// The probe behind `Warehouse.runsAreAlive`: another holder counts, this process's own lock does not, and
    /// asking creates and writes nothing.
    @Test func theProbeSeesAnotherHolderOnlyAndCreatesNothing() throws {
        let db = try temporaryWarehousePath()
        let path = RunLock.Kind.ingest.path(warehousePath: db)
        #expect(!RunLock.isHeldElsewhere(.ingest, warehousePath: db))
        #expect(!FileManager.default.fileExists(atPath: path))
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        try #require(descriptor >= 0)
        #expect(!RunLock.isHeldElsewhere(.ingest, warehousePath: db))
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        #expect(RunLock.isHeldElsewhere(.ingest, warehousePath: db))
        #expect(!RunLock.isHeldElsewhere(.training, warehousePath: db))
        close(descriptor)
        #expect(!RunLock.isHeldElsewhere(.ingest, warehousePath: db))
        let own = try RunLock(.ingest, warehousePath: db)
        #expect(!RunLock.isHeldElsewhere(.ingest, warehousePath: db))
        withExtendedLifetime(own) {}
    }
}
