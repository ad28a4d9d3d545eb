import Foundation

/// Data goes to stdout; messages, progress and errors to stderr.
enum Console {
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Data as it is: CSV, JSON, M3U, HTML, and tables already laid out by `TextTable`.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Text for a person on stdout (an answer in sentences, a summary), its control characters shown (`TerminalText`).
    static func show(_ text: String) {
        out(TerminalText.visible(text, keepingLineBreaks: true))
    }

    /// A message, note, error or log line on stderr, its control characters shown.
    static func message(_ text: String) {
        FileHandle.standardError.write(Data((TerminalText.visible(text, keepingLineBreaks: true) + "\n").utf8))
    }

    /// Rewrites one status line on a terminal; does nothing otherwise (cron sees only the summary).
    static func progress(_ text: String) {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[2K" + TerminalText.visible(text)).utf8))
    }

    static func endProgress() {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
    }

    static func grouped(_ value: Int) -> String {
        value.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
    }
}
