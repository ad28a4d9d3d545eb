import Foundation
import ZIPFoundation

/// Zip archives made for a test with ZIPFoundation, and the two ways a hostile one differs from what it writes:
/// an entry name that is not UTF-8, and an entry that declares fewer bytes than it inflates to. Shared by the ingest
/// and the command-line tests.
public enum ZipFixture {
    /// A zip in a temporary folder holding `entries` (name, bytes), deflated.
    public static func make(_ entries: [(name: String, data: Data)], fileName: String = "my_spotify_data.zip") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jukebox-zip-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(fileName)
        let archive = try Archive(url: url, accessMode: .create)
        for (name, data) in entries {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return url.path
    }

    /// An entry of `bytes` spaces after `[`: a few hundred KB of zip that inflates to `bytes`.
    public static func addSpaces(_ bytes: Int, as name: String, to path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .update)
        let head = Data("[".utf8)
        try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes), compressionMethod: .deflate) { position, size in
            position == 0 ? head + Data(repeating: 0x20, count: size - 1) : Data(repeating: 0x20, count: size)
        }
    }

    /// Rewrites the bytes of an entry's name in its local header and in the central directory (same length).
    public static func renameBytes(in path: String, from name: String, to bytes: [UInt8]) throws {
        var zip = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let old = Array(name.utf8)
        precondition(old.count == bytes.count)
        for start in occurrences(of: old, in: zip) { zip.replaceSubrange(start..<start + old.count, with: bytes) }
        try Data(zip).write(to: URL(fileURLWithPath: path))
    }

    /// Makes an entry's local and central headers declare `size` inflated bytes (a lie a zip bomb tells).
    public static func declare(_ size: UInt32, for name: String, in path: String) throws {
        var zip = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let le = [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)]
        for start in occurrences(of: Array(name.utf8), in: zip) {
            if start >= 30, zip[start - 30..<start - 26].elementsEqual([0x50, 0x4B, 0x03, 0x04]) {
                zip.replaceSubrange(start - 30 + 22..<start - 30 + 26, with: le)
            } else if start >= 46, zip[start - 46..<start - 42].elementsEqual([0x50, 0x4B, 0x01, 0x02]) {
                zip.replaceSubrange(start - 46 + 24..<start - 46 + 28, with: le)
            }
        }
        try Data(zip).write(to: URL(fileURLWithPath: path))
    }

    private static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard haystack.count >= needle.count else { return [] }
        return (0...haystack.count - needle.count).filter { haystack[$0] == needle[0] && haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }
}
