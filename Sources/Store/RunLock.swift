import Foundation

/// A warehouse's lock for one kind of run: an exclusive `flock` on `<warehouse>.ingest-lock` or
/// `<warehouse>.train-lock`, taken before a run records itself as 'running' and held until it has recorded
/// its outcome. The kernel drops it when the process dies, so whether it is held (not a PID, which the system
/// reuses) says whether a 'running' run is alive: see `isHeldElsewhere`.
///
/// The file says who holds it (PID and start time). Jukebox never follows a symbolic link there, and writes
/// only into a regular file it created or that its user owns under no other name.
public final class RunLock: @unchecked Sendable {
    public enum Kind: String, Sendable {
        case ingest, training

        public func path(warehousePath: String) -> String {
            warehousePath + (self == .ingest ? ".ingest-lock" : ".train-lock")
        }

        var runName: String { self == .ingest ? "ingest" : "training run" }
    }

    /// Who holds a lock, as its holder wrote it (either part may be unknown).
    public struct Holder: Sendable, Equatable {
        public var processID: String?
        public var since: String?

        public init(processID: String?, since: String?) {
            self.processID = processID
            self.since = since
        }
    }

    public let kind: Kind
    public let path: String
    private let descriptor: Int32
    private let writesHolder: Bool

    /// Takes the lock, waiting up to `wait` seconds for its holder to finish; throws `StoreError.runBusy` naming
    /// the holder if it does not. A reader's probe holds it for an instant, so it is always retried briefly.
    public init(_ kind: Kind, warehousePath: String, wait: TimeInterval = 0) throws {
        let path = kind.path(warehousePath: warehousePath)
        var created = true
        var descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == EEXIST {
            created = false
            descriptor = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
            if descriptor < 0 && (errno == EACCES || errno == EROFS) {
                descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
            }
        }
        guard descriptor >= 0 else {
            let error = errno
            if error == ELOOP || error == EMLINK { throw StoreError.unsafeLock(path: path, reason: "it is a symbolic link") }
            throw StoreError.cannotLock(path: path, reason: String(cString: strerror(error)))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw StoreError.unsafeLock(path: path, reason: "it is not a regular file")
        }
        let deadline = Date().addingTimeInterval(max(wait, 0.25))
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let error = errno
            guard error == EWOULDBLOCK || error == EINTR else {
                close(descriptor)
                throw StoreError.cannotLock(path: path, reason: String(cString: strerror(error)))
            }
            if Date() >= deadline {
                let holder = Self.holder(descriptor)
                close(descriptor)
                throw StoreError.runBusy(run: kind.runName, path: path, holder: holder)
            }
            usleep(20_000)
        }
        // A file someone else made, or with another name (a hard link), keeps its content.
        let ownedHere = info.st_uid == geteuid() && info.st_nlink == 1 && fcntl(descriptor, F_GETFL) & O_ACCMODE == O_RDWR
        self.kind = kind
        self.path = path
        self.descriptor = descriptor
        self.writesHolder = created || ownedHere
        if writesHolder {
            ftruncate(descriptor, 0)
            let line = "\(getpid()) \(Timestamp.now())\n"
            _ = line.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        }
        Self.heldHere.withLock { _ = $0.insert(path) }
    }

    deinit {
        Self.heldHere.withLock { _ = $0.remove(path) }
        if writesHolder { ftruncate(descriptor, 0) }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The one rule that says whether runs of this kind recorded as 'running' are alive, for read commands and for
    /// the write commands' clean-up alike: while a process holds the lock. This process's own lock does not count:
    /// a run takes it before it records itself, and clears dead runs' rows under it. A non-blocking shared `flock`
    /// probe on the file opened read-only: it creates and writes nothing. A lock file that cannot be opened (other
    /// than missing, or a link no run would use) cannot prove a run dead.
    public static func isHeldElsewhere(_ kind: Kind, warehousePath: String) -> Bool {
        let path = kind.path(warehousePath: warehousePath)
        if heldHere.withLock({ $0.contains(path) }) { return false }
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return !(errno == ENOENT || errno == ELOOP || errno == EMLINK) }
        defer { close(descriptor) }
        return flock(descriptor, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK
    }

    private static func holder(_ descriptor: Int32) -> Holder {
        var bytes = [UInt8](repeating: 0, count: 80)
        let count = pread(descriptor, &bytes, bytes.count, 0)
        let parts = count > 0 ? String(decoding: bytes[0..<count], as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init) : []
        return Holder(processID: parts.first, since: parts.count > 1 ? parts[1] : nil)
    }

    private static let heldHere = LockedSet()
}

/// Lock paths this process holds.
private final class LockedSet: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: Set<String> = []

    func withLock<T>(_ body: (inout Set<String>) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&paths)
    }
}
