import Foundation

/// Where each playlist and each track entry of a Million Playlist Dataset slice starts (its 1-based line, for
/// rejects) and, for an entry, its bytes (a reject's raw line when the entry could not be read as an object).
/// A scan that follows strings, nesting and keys as the decoder does: the root's `playlists` and each playlist's
/// `tracks` (the first of a repeated key, as JSONDecoder takes it); values under other keys are skipped.
struct PlaylistSliceLayout {
    struct Playlist {
        var line: Int
        var entries: [(line: Int, bytes: Range<Int>)] = []
    }

    private(set) var playlists: [Playlist] = []
    /// The file's bytes, which the entries' ranges index.
    let bytes: [UInt8]

    private enum Role { case root, playlists, playlist, tracks, other }

    private struct Container {
        let role: Role
        let isObject: Bool
        var expectingKey: Bool
        /// An object's key just read, naming the value that follows.
        var key: ArraySlice<UInt8> = []
        /// Whether the key this container looks for (`playlists`, `tracks`) was met already.
        var claimed = false
        /// An array of playlists or entries: where its current element started, if one is open.
        var elementStart: Int?
    }

    init(_ data: Data) {
        let bytes = [UInt8](data)
        self.bytes = bytes
        var stack: [Container] = []
        var line = 1
        var index = 0

        // A value starts at `offset`: it opens an element of the playlists or tracks array it is in.
        func valueStarts(at offset: Int) {
            guard var top = stack.last, !top.isObject, top.elementStart == nil else { return }
            top.elementStart = offset
            stack[stack.count - 1] = top
            switch top.role {
            case .playlists: playlists.append(Playlist(line: line))
            case .tracks: if !playlists.isEmpty { playlists[playlists.count - 1].entries.append((line, offset..<offset)) }
            default: break
            }
        }
        // The element open in the array on top ends before `offset` (a comma or the closing bracket).
        func elementEnds(at offset: Int) {
            guard var top = stack.last, !top.isObject, let start = top.elementStart else { return }
            top.elementStart = nil
            stack[stack.count - 1] = top
            if top.role == .tracks, !playlists.isEmpty, let last = playlists[playlists.count - 1].entries.indices.last {
                var end = offset
                while end > start, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
                playlists[playlists.count - 1].entries[last].bytes = start..<end
            }
        }
        // The role of a container opened at this point.
        func childRole() -> Role {
            guard var top = stack.last else { return .root }
            if top.isObject {
                let wanted: [UInt8]? = top.role == .root ? Array("playlists".utf8) : top.role == .playlist ? Array("tracks".utf8) : nil
                guard let wanted, !top.claimed, top.key.elementsEqual(wanted) else { return .other }
                top.claimed = true
                stack[stack.count - 1] = top
                return top.role == .root ? .playlists : .tracks
            }
            return top.role == .playlists ? .playlist : .other
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                line += 1
            case 0x20, 0x09, 0x0D:
                break
            case 0x22:
                let start = index
                var escaped = false
                index += 1
                while index < bytes.count {
                    let b = bytes[index]
                    if b == 0x0A { line += 1 }
                    if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { break }
                    index += 1
                }
                if var top = stack.last, top.isObject, top.expectingKey {
                    top.key = bytes[min(start + 1, bytes.count)..<min(index, bytes.count)]
                    stack[stack.count - 1] = top
                } else {
                    valueStarts(at: start)
                }
            case 0x7B, 0x5B:
                valueStarts(at: index)
                stack.append(Container(role: childRole(), isObject: byte == 0x7B, expectingKey: byte == 0x7B))
            case 0x7D, 0x5D:
                elementEnds(at: index)
                if !stack.isEmpty { stack.removeLast() }
            case 0x3A:
                if !stack.isEmpty { stack[stack.count - 1].expectingKey = false }
            case 0x2C:
                elementEnds(at: index)
                if var top = stack.last, top.isObject { top.expectingKey = true; top.key = []; stack[stack.count - 1] = top }
            default:
                valueStarts(at: index)
            }
            index += 1
        }
    }

    /// The layout of `count` playlists when the scan found exactly that many (else it cannot be trusted).
    func playlists(matching count: Int) -> [Playlist]? {
        playlists.count == count ? playlists : nil
    }
}
