import ArgumentParser
import Dispatch
import Foundation
import Store
import Web

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web app: overview, genres, popularity, clusters, trends, listening, recommendations and a read-only SQL console.",
        discussion: """
            Listens on 127.0.0.1:8080 unless told otherwise, reading the warehouse through a read-only connection, \
            so `jukebox train` and `jukebox ingest` can write meanwhile. Every page is also JSON under /api/. \
            Binding to an address other machines can reach needs an explicit --host and prints a warning: \
            the app has no login. It answers only requests addressed to localhost, 127.0.0.1, [::1], the --host \
            given or an --allow-host name (others get 421), and refuses API calls from other sites' pages (403). \
            A connection that sends no whole request within \(WebConfiguration.defaultIdleTimeout.components.seconds) s, \
            or idles that long, is closed; once \(WebConfiguration.defaultMaxConnections) are open, no more are accepted \
            until one closes.
            """
    )

    @OptionGroup var warehouse: WarehouseOptions

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: Int = 8080

    @Option(name: .customLong("allow-host"), help: ArgumentHelp(
        "Also answer requests addressed to this name (repeatable), e.g. the machine's name when --host is 0.0.0.0.",
        valueName: "name"))
    var allowedHosts: [String] = []

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be between 1 and 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
        for name in allowedHosts where !WebConfiguration.isValidHostName(name) {
            throw ValidationError("--allow-host '\(name.prefix(80))' is not a host name or IP address")
        }
    }

    func run() throws {
        let store = try reportingErrors { try warehouse.openReadOnly() }
        try reportingErrors { try PortCheck.requireFree(host: host, port: port) }
        let web = WebConfiguration(host: host, port: port, allowedHosts: allowedHosts)
        if !web.isLoopback {
            Console.message("jukebox: warning: listening on \(host), which other machines may reach; the app has no login and shows the whole warehouse")
        }
        Console.message("jukebox: serving \(warehouse.path) on http://\(host.contains(":") ? "[\(host)]" : host):\(port)/ (Ctrl-C stops)")
        let outcome = ServeOutcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await serveWebApp(warehouse: store, configuration: web) } catch { outcome.set(error) }
            done.signal()
        }
        done.wait()
        if let error = outcome.error {
            if PortCheck.isAddressInUse(error) {
                // Taken between the check and the server's own bind.
                Console.message("jukebox: error: " + CLIError.portInUse(host: host, port: port).errorDescription!)
                throw ExitCode.failure
            }
            Console.message("jukebox: error: the server stopped: \(error)")
            throw ExitCode.failure
        }
    }
}

/// Carries the server's error from its task back to the command.
private final class ServeOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?
    func set(_ error: any Error) { lock.lock(); stored = error; lock.unlock() }
    var error: (any Error)? { lock.lock(); defer { lock.unlock() }; return stored }
}
