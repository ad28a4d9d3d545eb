import GRDB

/// How every entry of a history ingest ended: the counts add up to the entries read (`total`), and are stored in
/// `ingest_entry_outcomes`. A stored play is matched to a track or not (kept either way); incognito plays are kept
/// and marked unless `--drop-incognito`; a duplicate names the source of the copy kept.
public struct EntryOutcomes: Sendable, Equatable, Codable {
    public var storedMatched = 0
    public var storedUnmatched = 0
    /// Duplicates by the source of the copy kept (`spotify_extended`, `lastfm`, ...).
    public var duplicateOf: [String: Int] = [:]
    public var podcast = 0
    public var audiobook = 0
    /// A zero-length play.
    public var skippedByRule = 0
    public var incognitoDropped = 0
    public var rejected = 0
    /// Of the stored: incognito plays kept and marked, and plays that replaced a poorer copy another source stored
    /// (by that source; the poorer copy is recorded in `listen_duplicates`).
    public var incognitoKept = 0
    public var replacedPoorerCopyOf: [String: Int] = [:]

    public var stored: Int { storedMatched + storedUnmatched }
    public var duplicates: Int { duplicateOf.values.reduce(0, +) }
    /// Every entry once: what the ingest read.
    public var total: Int { stored + duplicates + podcast + audiobook + skippedByRule + incognitoDropped + rejected }

    enum CodingKeys: String, CodingKey {
        case storedMatched = "stored_matched", storedUnmatched = "stored_unmatched", duplicateOf = "duplicate_of", podcast, audiobook
        case skippedByRule = "skipped_by_rule", incognitoDropped = "incognito_dropped", rejected, incognitoKept = "incognito_kept"
        case replacedPoorerCopyOf = "replaced_poorer_copy_of"
    }

    public init() {}

    /// One row per outcome with entries (a duplicate per source), in `ingest_entry_outcomes`.
    func record(_ db: Database, ingestID: Int64) throws {
        var rows: [(String, String, Int)] = [("stored_matched", "", storedMatched), ("stored_unmatched", "", storedUnmatched),
                                             ("podcast", "", podcast), ("audiobook", "", audiobook), ("skipped_by_rule", "", skippedByRule),
                                             ("incognito_dropped", "", incognitoDropped), ("rejected", "", rejected)]
        rows += duplicateOf.sorted { $0.key < $1.key }.map { ("duplicate", $0.key, $0.value) }
        for (outcome, source, entries) in rows where entries > 0 {
            try db.execute(sql: "INSERT INTO ingest_entry_outcomes (ingest_id, outcome, of_source, entries) VALUES (?, ?, ?, ?)",
                           arguments: [ingestID, outcome, source, entries])
        }
    }
}
