import Foundation
import Store
import Testing

/// SHA-256 from swift-crypto gives the digests the hand-written one gave: the standard vectors, and the fingerprints
/// recorded before the change (`sha256sum` and the ingest log of the previous binary agree on them).
struct SHA256Tests {
    @Test func matchesStandardVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func incrementalUpdatesEqualOneShot() {
        let bytes = (0..<1000).map { UInt8($0 % 251) }
        var hasher = SHA256()
        hasher.update(bytes[0..<63])
        hasher.update(bytes[63..<64])
        hasher.update(bytes[64..<700])
        hasher.update(bytes[700...])
        #expect(hasher.finalizeHex() == SHA256.hex(bytes))
    }

    @Test func millionAsVector() {
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func sampleFileFingerprintIsTheOneRecordedBeforeTheChange() throws {
        let data = try Data(contentsOf: Self.repository.appendingPathComponent("data/samples/spotify_tracks_sample.csv"))
        let before = "157bceb3f20cb5787fddc0527593636090a85031e87a23d0f55e11f56680d37d"
        #expect(SHA256.hex(data) == before)
        // Read in chunks, as ingest reads a file, whatever the chunk size.
        for size in [1, 4096, 1 << 20] {
            var hasher = SHA256()
            var start = 0
            while start < data.count {
                hasher.update(data[start..<min(start + size, data.count)])
                start += size
            }
            #expect(hasher.finalizeHex() == before)
        }
    }

    @Test func migrationChecksumsAreUnchanged() throws {
        // A warehouse records each applied migration's checksum and refuses one whose checksum changed.
        let first = try #require(Migration.embedded().first)
        #expect(first.fileName == "0001_create_warehouse.sql")
        #expect(first.checksum == "6d7c434d1b31ffc2b84e6cb21fa2b07b9e4c2dbf4954c22d9c50a9da1256884b")
    }
}
