/// Text bound for a terminal shows every control character as a visible escape (ESC as `\u{1B}`), so a name read
/// from a dump cannot clear the screen, write the clipboard (OSC 52), ring the bell, move the cursor or reorder what
/// follows (bidirectional overrides). The one rule for everything a person reads: tables, text answers, messages, logs,
/// progress. CSV, JSON, M3U and the stored values keep the characters as they are.
enum TerminalText {
    /// `text` with its control characters escaped; `keepingLineBreaks` keeps `\n` for text Jukebox itself laid out
    /// in lines (a table cell or a name shows it as `\u{A}`).
    static func visible(_ text: String, keepingLineBreaks: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { isHidden($0, keepingLineBreaks) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isHidden(scalar, keepingLineBreaks) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// C0 and C1 controls and DEL act on the terminal; the bidirectional embeddings, overrides and isolates reorder
    /// the text that follows them.
    private static func isHidden(_ scalar: Unicode.Scalar, _ keepingLineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x0A: return !keepingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
