/// One entry of a listening history, as any reader reads it: a play, a podcast episode, an audiobook chapter, or a
/// reject with its reason. The ingest accounts for each (`EntryOutcomes`).
enum HistoryRecord: Sendable, Equatable {
    case listen(Listen)
    case podcast(PodcastPlay)
    case audiobook
    /// An event the source logs that is no play (Apple Music's `PLAY_START`, `LYRIC_DISPLAY`, ...): skipped by rule.
    case notAPlay
    case rejected(reason: String)
}

/// A history entry with where it is in its file (a reject's line) and its raw text for a reject, made only when needed.
struct HistoryItem {
    let line: Int
    let record: HistoryRecord
    let rawLine: () -> String
}
