import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether `jukebox serve` can listen on host:port, tried with a plain socket (bound, then closed)
/// before anything is announced or prepared.
enum PortCheck {
    static func requireFree(host: String, port: Int) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw CLIError.cannotListen(host: host, port: port, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        // The server binds the first address the name resolves to; so does this check.
        let address = first.pointee
        let socketFD = socket(address.ai_family, address.ai_socktype, address.ai_protocol)
        guard socketFD >= 0 else { throw CLIError.cannotListen(host: host, port: port, reason: String(cString: strerror(errno))) }
        defer { close(socketFD) }
        // As the server does, so a port left in TIME_WAIT by a previous run does not count as taken.
        var one: Int32 = 1
        setsockopt(socketFD, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(socketFD, address.ai_addr, address.ai_addrlen) == 0 else {
            let code = errno
            if code == EADDRINUSE { throw CLIError.portInUse(host: host, port: port) }
            throw CLIError.cannotListen(host: host, port: port, reason: String(cString: strerror(code)).lowercased())
        }
    }

    /// True when a server error says the address was taken (by another process in the meantime).
    static func isAddressInUse(_ error: any Error) -> Bool {
        String(describing: error).contains(String(cString: strerror(EADDRINUSE)))
    }
}
