/// The host names a request may address: the loopback names, the address being served and each `--allow-host`.
/// A page on another name that resolves to this machine (DNS rebinding) carries its own name in `Host` and
/// `Origin`, so checking the name is what keeps such a page from reading the warehouse. Ports are not compared:
/// a forwarded port (`ssh -L 9000:localhost:8080`) still names the same server.
struct ServedHosts: Sendable {
    static let loopback = ["localhost", "127.0.0.1", "[::1]"]

    /// Canonical names: lowercased, an IPv6 address in brackets as it appears in `Host`.
    let names: [String]

    init(listeningOn host: String, allowing extra: [String]) {
        var names: [String] = []
        for name in Self.loopback + [host] + extra {
            if let canonical = Self.canonical(name), !names.contains(canonical) { names.append(canonical) }
        }
        self.names = names
    }

    /// True when a `Host` value (`NAME`, `NAME:PORT`, `[V6]`, `[V6]:PORT`) names this server.
    func admits(authority: String) -> Bool {
        Self.hostName(ofAuthority: authority).map(names.contains) ?? false
    }

    /// True when an `Origin` value (`http://NAME[:PORT]` or https) names this server; `null` and other schemes never do.
    func admits(origin: String) -> Bool {
        let origin = origin.lowercased()
        for scheme in ["http://", "https://"] where origin.hasPrefix(scheme) {
            return admits(authority: String(origin.dropFirst(scheme.count)))
        }
        return false
    }

    /// True for a name `--allow-host` can take: a DNS name or an IPv4 address (letters, digits, `-`, `.`, `_`), or an
    /// IPv6 address, bare or in brackets; optionally with `:PORT`.
    static func isValid(_ name: String) -> Bool {
        guard let canonical = canonical(name) else { return false }
        if canonical.hasPrefix("[") {
            return canonical.hasSuffix("]") && canonical.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        return canonical.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }
    }

    /// A configured name as `Host` would carry it: `::1` becomes `[::1]`; a port given with it is dropped.
    static func canonical(_ name: String) -> String? {
        let name = name.lowercased()
        if !name.hasPrefix("["), name.filter({ $0 == ":" }).count > 1 { return "[" + name + "]" }
        return hostName(ofAuthority: name)
    }

    /// The host part of an authority, lowercased; nil when what follows it is not an optional `:PORT`.
    static func hostName(ofAuthority authority: String) -> String? {
        let authority = authority.lowercased()
        let host: Substring, rest: Substring
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
            rest = authority[authority.index(after: close)...]
        } else {
            let colon = authority.firstIndex(of: ":") ?? authority.endIndex
            host = authority[..<colon]
            rest = authority[colon...]
        }
        guard !host.isEmpty else { return nil }
        if !rest.isEmpty {
            let port = rest.dropFirst()
            guard rest.first == ":", port.count <= 5, port.allSatisfy(\.isASCIIDigit) else { return nil }
        }
        return String(host)
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
