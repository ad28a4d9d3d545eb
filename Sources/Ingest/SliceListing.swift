/// One playlist of a Million Playlist Dataset slice as the ingest meets it: whether it loads, and where its entries
/// are in the file (for rejects). A playlist that cannot load (no readable pid or name, or a pid the slice listed
/// before: loading it too would merge two playlists under one key and drop a name) is refused with all its entries.
struct SliceListing {
    /// The listing of a pid that loaded, which a later listing of the same pid is told apart from.
    struct First {
        var name: String
        var line: Int
    }

    let playlist: PlaylistSlice.Playlist
    /// Its place in the file, when the scan agrees with the decoder, and the file's bytes.
    let layout: PlaylistSliceLayout.Playlist?
    let source: [UInt8]

    init(_ playlist: PlaylistSlice.Playlist, layout: PlaylistSliceLayout.Playlist?, source: [UInt8]) {
        self.playlist = playlist
        self.layout = layout
        self.source = source
    }

    /// The line the playlist starts on (0: unknown).
    var line: Int { layout?.line ?? 0 }

    /// Why the playlist is not loaded, or nil when it loads.
    func refusal(firstListing: [Int: First]) -> String? {
        let at = line > 0 ? " (line \(line))" : ""
        if !playlist.problems.isEmpty {
            return "its playlist\(at) is not loaded: " + playlist.problems.joined(separator: "; ")
        }
        if let pid = playlist.pid, let first = firstListing[pid] {
            return "its playlist\(at) has pid \(pid), which the slice listed before: only the first listing "
                + "('\(first.name.prefix(60))'\(first.line > 0 ? ", line \(first.line)" : "")) is loaded"
        }
        return nil
    }

    /// What a refused playlist counts as: each of its entries (line and raw text), or the playlist itself when it
    /// has none, so that every refusal is a reject. A raw text over the field limit is cut to its excerpt.
    func rejectedRows(limits: InputLimits) -> [(line: Int, rawLine: String)] {
        guard !playlist.tracks.isEmpty else {
            let raw = playlist.rawText
            return [(line, raw.utf8.count > limits.maxFieldBytes ? limits.excerpt(raw) : raw)]
        }
        return playlist.tracks.indices.map { index in
            switch playlist.tracks[index] {
            case let .track(track): return (entryLine(index), track.rawText(limits: limits))
            case .notAnObject: return (entryLine(index), entrySource(index))
            }
        }
    }

    /// The line entry `index` starts on (0: unknown).
    func entryLine(_ index: Int) -> Int {
        guard let entries = alignedEntries else { return 0 }
        return entries[index].line
    }

    /// The file's text of entry `index`, cut to an excerpt (empty when unknown).
    func entrySource(_ index: Int) -> String {
        guard let entries = alignedEntries, entries[index].bytes.upperBound <= source.count else { return "" }
        return String(decoding: InputLimits.standard.excerpt(source[entries[index].bytes]), as: UTF8.self)
    }

    private var alignedEntries: [(line: Int, bytes: Range<Int>)]? {
        guard let entries = layout?.entries, entries.count == playlist.tracks.count else { return nil }
        return entries
    }
}
