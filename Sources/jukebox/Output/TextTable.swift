import Foundation

/// A result table laid out for reading on a terminal: every cell's control characters shown (`TerminalText`),
/// numbers rounded for reading, and, given a width, the widest text columns wrapped onto more lines until the table
/// fits it. A value is never cut: what does not fit goes on the next line of its column.
struct TextTable {
    var columns: [String]
    var rows: [[Cell]]

    /// The width a default table fits: a terminal of 120 columns.
    static let readingWidth = 120
    /// A wrapped text column keeps at least this many columns (or its header's width, or its widest value when narrower).
    static let narrowestWrap = 12

    func render(width: Int?) -> String {
        let header = columns.map { TerminalText.visible($0) }
        let body = rows.map { $0.map { TerminalText.visible($0.readable) } }
        let natural = columns.indices.map { i in body.reduce(DisplayWidth.of(header[i])) { max($0, DisplayWidth.of($1[i])) } }
        let numeric = columns.indices.map { i in rows.allSatisfy { if case .text = $0[i] { return false } else { return true } } }
        let floors = columns.indices.map { i in min(natural[i], max(DisplayWidth.of(header[i]), Self.narrowestWrap)) }
        let widths = width.map { Self.fit(natural, floors: floors, numeric: numeric, into: $0) } ?? natural

        func lines(_ cells: [String]) -> String {
            let wrapped = cells.enumerated().map { i, cell in DisplayWidth.of(cell) > widths[i] ? Self.wrap(cell, width: widths[i]) : [cell] }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { line in
                wrapped.enumerated().map { i, parts in
                    let cell = line < parts.count ? parts[line] : ""
                    let pad = String(repeating: " ", count: max(0, widths[i] - DisplayWidth.of(cell)))
                    return numeric[i] ? pad + cell : cell + pad
                }.joined(separator: "  ").replacing(/\ +$/, with: "") + "\n"
            }.joined()
        }
        var out = lines(header)
        out += lines(widths.map { String(repeating: "-", count: $0) })
        for row in body { out += lines(row) }
        return out
    }

    /// Column widths that fit `total` with two spaces between columns: numeric columns keep theirs; the text columns
    /// wider than a cap are narrowed to it (never below their floor), the cap as high as fits.
    static func fit(_ natural: [Int], floors: [Int], numeric: [Bool], into total: Int) -> [Int] {
        let available = total - 2 * max(0, natural.count - 1)
        func widths(cap: Int) -> [Int] {
            natural.indices.map { i in numeric[i] ? natural[i] : max(floors[i], min(natural[i], cap)) }
        }
        guard natural.reduce(0, +) > available, let widest = natural.max() else { return natural }
        var cap = widest
        while cap > 1, widths(cap: cap).reduce(0, +) > available { cap -= 1 }
        return widths(cap: cap)
    }

    /// `text` in lines of at most `width` columns, broken at spaces; a word longer than a line is split.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        func add(_ word: Substring) {
            var word = String(word)
            if line.isEmpty || DisplayWidth.of(line) + 1 + DisplayWidth.of(word) > width {
                if !line.isEmpty { lines.append(line) }
                line = ""
                while DisplayWidth.of(word) > width {
                    var head = DisplayWidth.prefix(word, columns: width)
                    if head.isEmpty { head = String(word.prefix(1)) }
                    lines.append(head)
                    word.removeFirst(head.count)
                }
                line = word
            } else {
                line += " " + word
            }
        }
        for word in text.split(separator: " ") { add(word) }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}

extension Cell {
    /// The value as a table shows it: a fractional number to four significant digits (`30.73`, `-1.926`, `0.3487`),
    /// trailing zeros dropped; whole numbers and everything else as `plain` (CSV and JSON keep full precision).
    var readable: String {
        guard case let .double(value) = self, value.isFinite, value.rounded() != value else { return plain }
        let magnitude = abs(value)
        if magnitude < 0.001 { return String(format: "%.3g", value) }
        let decimals = max(0, 3 - Int(log10(magnitude).rounded(.down)))
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}

extension ResultTable {
    /// Writes the table in the format `output` asks. On a terminal table, `defaultColumns` (when given) are the ones
    /// shown unless --wide, and a note on stderr names how many more there are and how to see them; --wide also
    /// leaves the rows unwrapped. CSV and JSON always carry every column.
    func write(_ output: OutputOptions, defaultColumns: [String]? = nil) {
        let format = output.resolved
        guard format == .table else { return Console.out(render(format)) }
        if output.wide { return Console.out(TextTable(columns: columns, rows: rows).render(width: nil)) }
        let kept = defaultColumns.map { names in columns.indices.filter { names.contains(columns[$0]) } } ?? Array(columns.indices)
        if kept.count < columns.count {
            Console.message("(\(columns.count - kept.count) more columns: " + columns.indices.filter { !kept.contains($0) }.map { columns[$0] }
                .joined(separator: ", ") + "; see them with --wide or --format csv)")
        }
        Console.out(TextTable(columns: kept.map { columns[$0] }, rows: rows.map { row in kept.map { row[$0] } })
            .render(width: TextTable.readingWidth))
    }
}
