import Foundation

/// One training run per warehouse at a time: an exclusive `flock` on `<warehouse>.train-lock`.
/// The kernel drops the lock when the process dies, so a killed run never blocks the next one.
final class TrainingLock {
    private let descriptor: Int32

    init(warehousePath: String) throws {
        let path = warehousePath + ".train-lock"
        descriptor = open(path, O_RDWR | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw TrainingError.cannotLock(path: path, reason: String(cString: strerror(errno))) }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            var holder = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &holder, 31, 0)
            close(descriptor)
            let pid = count > 0 ? String(decoding: holder[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "?"
            throw TrainingError.alreadyRunning(pid: pid)
        }
        ftruncate(descriptor, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

public enum TrainingError: Error, Equatable, LocalizedError {
    case alreadyRunning(pid: String)
    case cannotLock(path: String, reason: String)
    case unknownRun(Int64)

    public var errorDescription: String? {
        switch self {
        case let .alreadyRunning(pid):
            return "another training run (process \(pid)) is using this warehouse; try again when it has finished"
        case let .cannotLock(path, reason):
            return "cannot create the training lock \(path): \(reason)"
        case let .unknownRun(id):
            return "no model run \(id); list runs with `jukebox models`"
        }
    }
}
