/// The most likely genres of one probability row: the one top-k rule of training's write-back, coverage, `predict`,
/// `explain` and the web (ties keep class order, so every path lists them alike).
enum TopGenres {
    static func of(_ row: ArraySlice<Double>, classNames: [String], count: Int = 3) -> [(genre: String, probability: Double)] {
        let base = row.startIndex
        return row.indices.sorted { row[$0] > row[$1] || (row[$0] == row[$1] && $0 < $1) }.prefix(count)
            .map { (classNames[$0 - base], row[$0]) }
    }
}
