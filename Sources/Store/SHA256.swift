import Crypto
import Foundation

/// SHA-256, incremental, as lowercase hex: ingest file fingerprints, migration checksums and the stable ids of
/// tracks whose dump has no Spotify id. swift-crypto computes it (BoringSSL's assembly on Linux, CryptoKit on
/// Apple systems), which matters when an ingest fingerprints gigabytes of playlist slices.
public struct SHA256: Sendable {
    private var hasher = Crypto.SHA256()

    public init() {}

    public mutating func update(_ bytes: some DataProtocol) {
        hasher.update(data: bytes)
    }

    /// The digest as 64 lowercase hex characters.
    public mutating func finalizeHex() -> String {
        Self.hexDigits(hasher.finalize())
    }

    public static func hex(_ bytes: some DataProtocol) -> String {
        hexDigits(Crypto.SHA256.hash(data: bytes))
    }

    public static func hex(_ text: String) -> String { hex(Array(text.utf8)) }

    private static func hexDigits(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest { out += [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]] }
        return String(decoding: out, as: UTF8.self)
    }
}
