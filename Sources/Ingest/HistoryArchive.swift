import Foundation
import ZIPFoundation

/// Spotify's downloaded `.zip` or ListenBrainz's export `.zip`, read in process: the entries are listed from its central directory, and a listening
/// history's bytes are inflated into memory, at most `InputLimits.maxJSONBytes` of them (the size an entry declares
/// and the bytes it really inflates to). Nothing is written to disk, and an entry's name is only a label, never a path.
struct HistoryArchive {
    struct Member {
        /// The entry's name read as UTF-8 (a byte that is not shows as U+FFFD), control characters written `\u{..}`.
        let name: String
        /// Why the entry is not read as a listening history, or nil when it is one by its name.
        let notAHistory: String?
        fileprivate let entry: Entry
    }

    let path: String
    /// Every entry, in name order.
    let members: [Member]
    private let archive: Archive
    private let limits: InputLimits

    /// A file starting with a zip local-file header (`PK\3\4`), or named `.zip`.
    static func isZip(path: String) -> Bool {
        if path.lowercased().hasSuffix(".zip") { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)).map { Array($0) == [0x50, 0x4B, 0x03, 0x04] } ?? false
    }

    /// Whether a file or entry name is a music listening history (video histories, playlists and account files are not).
    static func isHistoryName(_ name: String) -> Bool {
        let base = (name as NSString).lastPathComponent
        if isListenBrainzName(name) { return true }
        guard base.lowercased().hasSuffix(".json") else { return false }
        return base.hasPrefix("StreamingHistory_music_") || base.hasPrefix("Streaming_History_Audio_") || base.hasPrefix("endsong")
            || (base.hasPrefix("StreamingHistory") && base.dropFirst("StreamingHistory".count).first?.isNumber == true)
    }

    /// ListenBrainz's export keeps its listens in `listens/YEAR/MONTH.jsonl` (beside `user.json` and `feedback.jsonl`).
    static func isListenBrainzName(_ name: String) -> Bool {
        let parts = name.split(separator: "/")
        return parts.count >= 3 && parts[parts.count - 3] == "listens" && name.lowercased().hasSuffix(".jsonl")
    }

    init(path: String, limits: InputLimits) throws {
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw IngestError.unreadableArchive(file: path, reason: "it is not a readable zip archive (\(error))")
        }
        self.path = path
        self.limits = limits
        members = archive.map { entry in
            let name = Self.label(entry)
            let notAHistory: String? = switch entry.type {
            case .directory: "a folder"
            case .symlink: "a symbolic link"
            case .file: Self.isHistoryName(name) ? nil : "not a listening history by its name (StreamingHistory*.json, "
                + "Streaming_History_Audio_*.json, endsong_*.json or ListenBrainz's listens/YEAR/MONTH.jsonl)"
            }
            return Member(name: name, notAHistory: notAHistory, entry: entry)
        }.sorted { $0.name < $1.name }
        if !members.contains(where: { $0.notAHistory == nil }) {
            throw IngestError.unreadableArchive(file: path, reason: "it holds no listening history (StreamingHistory*.json, "
                + "Streaming_History_Audio_*.json, endsong_*.json or ListenBrainz's listens/YEAR/MONTH.jsonl)")
        }
    }

    /// The entry's bytes, inflated into memory; `unreadableArchiveEntry` when it declares or inflates to more than
    /// the limit, or is damaged (its CRC-32 or size not as its header says).
    func contents(of member: Member) throws -> Data {
        func refuse(_ reason: String) -> IngestError { .unreadableArchiveEntry(file: path, entry: member.name, reason: reason) }
        let declared = member.entry.uncompressedSize
        guard declared <= UInt64(limits.maxJSONBytes) else {
            throw refuse("it declares \(declared) bytes inflated, over the limit of \(InputLimits.describe(limits.maxJSONBytes)) for one JSON file")
        }
        struct OverLimit: Error {}
        var data = Data()
        let checksum: CRC32
        do {
            checksum = try archive.extract(member.entry, skipCRC32: false) { chunk in
                guard data.count + chunk.count <= limits.maxJSONBytes else { throw OverLimit() }
                data.append(chunk)
            }
        } catch is OverLimit {
            throw refuse("it inflates to more than the limit of \(InputLimits.describe(limits.maxJSONBytes)) for one JSON file "
                         + "(it declares \(declared) bytes)")
        } catch {
            throw refuse("it cannot be inflated (\(error))")
        }
        guard UInt64(data.count) == declared, checksum == member.entry.checksum else {
            throw refuse("it is damaged: it inflates to \(data.count) bytes with CRC-32 \(checksum), its header says \(declared) bytes "
                         + "with CRC-32 \(member.entry.checksum)")
        }
        return data
    }

    /// An entry's name as text that cannot bend a terminal or a log: UTF-8 read leniently, control characters
    /// written as `\u{..}`. (ZIPFoundation gives "" for a name flagged UTF-8 that is not; Latin-1 keeps every byte.)
    private static func label(_ entry: Entry) -> String {
        let bytes = entry.path(using: .isoLatin1).unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let name = String(decoding: bytes, as: UTF8.self)
        return String(name.unicodeScalars.map { $0.properties.generalCategory == .control ? "\\u{\(String($0.value, radix: 16))}" : String($0) }
            .joined().prefix(300))
    }
}
