import Foundation

/// Where `jukebox serve` listens, which names it answers to, and how long and how many connections it holds.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Names besides the loopback ones and `host` that requests may address (`--allow-host`).
    public var allowedHosts: [String]
    /// A connection that sends no complete request head for this long (or sits idle after an answer) is closed.
    /// A request being answered is never cut: a long console query ends at its own time limit.
    public var idleTimeout: Duration
    /// Open connections at which the server stops accepting until one closes (the others wait in the system's queue
    /// of pending connections). NIO accepts up to four per wake-up, so a burst can pass it by three.
    public var maxConnections: Int

    public static let defaultIdleTimeout: Duration = .seconds(15)
    public static let defaultMaxConnections = 64

    public init(host: String = "127.0.0.1", port: Int = 8080, allowedHosts: [String] = [],
                idleTimeout: Duration = defaultIdleTimeout, maxConnections: Int = defaultMaxConnections) {
        self.host = host
        self.port = port
        self.allowedHosts = allowedHosts
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    /// True for addresses only this machine can reach.
    public var isLoopback: Bool {
        ["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) || host.hasPrefix("127.")
    }

    /// True for a name `--allow-host` can take (a host name or an IP address, optionally with `:PORT`).
    public static func isValidHostName(_ name: String) -> Bool { ServedHosts.isValid(name) }

    /// The names requests may address: the rule the Host and Origin checks apply.
    var servedHosts: ServedHosts { ServedHosts(listeningOn: host, allowing: allowedHosts) }
}
