import Foundation

/// Which column of a dump feeds which warehouse field, decided once from the header row.
public struct HeaderMapping: Sendable, Equatable {
    public let header: [String]
    /// Column index for each mapped field.
    public let columns: [TrackField: Int]
    /// The dump's layout, recognised from its header (see `DumpLayout`).
    public let layout: DumpLayout
    /// An Exportify playlist export (a `Track URI` and an `Artist Name(s)` column): artists are comma-separated
    /// (a comma inside a name escaped as `\,`) and `Genres` holds the artists' genres, not the track's.
    public var isExportify: Bool { layout == .exportify }

    /// Columns the dump has that feed no field (an unnamed index column, playlist names, ...).
    public var ignoredColumns: [String] {
        let used = Set(columns.values)
        return header.indices.filter { !used.contains($0) }.map { header[$0].isEmpty ? "(unnamed column \($0 + 1))" : header[$0] }
    }

    public func column(_ field: TrackField) -> Int? {
        let index = columnByOrdinal[field.ordinal]
        return index < 0 ? nil : index
    }
    /// `columns` as an array by `TrackField.ordinal`, -1 where unmapped: `column(_:)` runs for every field of every row.
    private let columnByOrdinal: [Int]

    /// Maps a header row; `overrides` are `--map SOURCE=TARGET` pairs and win over the built-in spellings.
    public init(header: [String], overrides: [String: TrackField] = [:], file: String) throws {
        self.header = header
        let normalized = header.map(Self.normalize)
        var columns: [TrackField: Int] = [:]
        for (source, field) in overrides {
            guard let index = normalized.firstIndex(of: Self.normalize(source)) else {
                throw IngestError.mappedColumnMissing(file: file, column: source, header: header)
            }
            columns[field] = index
        }
        let claimed = Set(columns.values)
        let hasPlaylistID = normalized.contains("playlist_id") || columns[.playlistID] != nil
        let layout = DumpLayout(header: header)
        let isExportify = layout == .exportify
        /// `playlist_genre` describes the playlist in a dump that names its playlists; Exportify's `Genres` the artists.
        func aliases(_ field: TrackField) -> [String] {
            switch field {
            case .genre: return field.headerAliases.filter { !(hasPlaylistID && $0 == "playlist_genre") && !(isExportify && $0 == "genres") }
            case .artistGenres: return isExportify ? field.headerAliases + ["genres"] : field.headerAliases
            default: return field.headerAliases
            }
        }
        for field in TrackField.allCases where columns[field] == nil {
            for alias in aliases(field) {
                if let index = normalized.firstIndex(of: alias), !claimed.contains(index), !columns.values.contains(index) {
                    columns[field] = index
                    break
                }
            }
        }
        if columns[.trackName] == nil && columns[.artists] == nil && columns[.trackID] == nil {
            throw IngestError.noUsableHeader(file: file, header: header)
        }
        var missing: [String] = []
        if columns[.trackName] == nil { missing.append("track_name (or name, song, title)") }
        if columns[.artists] == nil { missing.append("artists (or artist, track_artist)") }
        if !missing.isEmpty { throw IngestError.missingRequiredColumns(file: file, missing: missing, header: header) }
        self.columns = columns
        self.layout = layout
        columnByOrdinal = TrackField.allCases.map { columns[$0] ?? -1 }
    }

    /// Header names compare case-insensitively, with spaces and hyphens read as underscores.
    static func normalize(_ name: String) -> String {
        String(name.trimmingCharacters(in: .whitespaces).lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }
}
