import Foundation

/// Near-miss suggestions for a name the warehouse does not have: names it is a prefix of (or that are
/// a prefix of it), then names within a small edit distance, both ignoring case and accents.
public enum NearMiss {
    public static func suggestions(for name: String, among candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let query = fold(name)
        guard !query.isEmpty else { return [] }
        let budget = min(4, max(1, query.count / 3))
        var scored: [(score: Int, name: String)] = []
        for candidate in candidates {
            let folded = fold(candidate)
            if folded.count >= 2, folded.starts(with: query) || query.starts(with: folded) {
                // Prefix matches rank first, the closest in length leading.
                scored.append((abs(folded.count - query.count) - 1000, candidate))
            } else if abs(folded.count - query.count) <= budget,
                      let distance = editDistance(query, folded, atMost: budget) {
                scored.append((distance, candidate))
            }
        }
        scored.sort { ($0.score, $0.name) < ($1.score, $1.name) }
        var seen = Set<String>()
        return scored.map(\.name).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }

    static func fold(_ text: String) -> [Character] {
        // Most names are ASCII, where folding is lower-casing: skipping Foundation's folding there makes a
        // miss among 90k track labels several times faster.
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            let isSpace = { (b: UInt8) in b == 0x20 || b == 0x09 }
            guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else { return [] }
            return utf8[first...last].map { Character(Unicode.Scalar((0x41...0x5A).contains($0) ? $0 + 0x20 : $0)) }
        }
        return Array(text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespaces))
    }

    /// Edit distance, two neighbours swapped counting as one edit ("trian" is one from "train": optimal string
    /// alignment), or nil as soon as it must exceed `limit` (keeps 90k-track scans fast; a row's minimum never falls).
    static func editDistance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int? {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return nil }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
