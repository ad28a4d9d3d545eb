import GRDB

/// Decides whether one prepared statement may run on the read-only path. Two independent checks must
/// both pass: SQLite's own verdict (`sqlite3_stmt_readonly`) and an allow-list of statement kinds read
/// from the text. The allow-list catches what SQLite calls read-only but still changes the session or
/// the file's settings: BEGIN, ATTACH/DETACH and setting pragmas.
public enum SQLGuard {
    /// Pragmas that only report; they may take a table or index name as their argument.
    static let reportingPragmas: Set<String> = [
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo",
        "foreign_key_list", "foreign_key_check", "integrity_check", "quick_check",
    ]
    /// Pragmas that report a setting or a list when given no argument; given one, most change something.
    static let valuePragmas: Set<String> = [
        "user_version", "schema_version", "application_id", "page_count", "page_size", "freelist_count",
        "journal_mode", "encoding", "foreign_keys", "database_list", "collation_list", "function_list",
        "module_list", "pragma_list", "compile_options", "data_version", "max_page_count", "auto_vacuum",
    ]

    /// Functions refused whatever the statement: `fts3_tokenizer` hands out (and with two arguments would take)
    /// a raw pointer.
    static let refusedFunctions = ["fts3_tokenizer"]

    /// Throws `ReadOnlySQLError.refused` unless `statement` only reads.
    @_spi(WarehouseSQL) public static func check(_ statement: Statement, index: Int) throws {
        try checkText(statement.sql, index: index)
        // WITH ... DELETE, EXPLAIN of a write, and anything the allow-list got wrong end here.
        guard statement.isReadonly else {
            throw ReadOnlySQLError.refused(index: index, statement: SQLText.excerpt(SQLText.withoutLeadingComments(statement.sql)),
                                           reason: "SQLite reports that it writes")
        }
    }

    /// What must be refused before a statement is even prepared: preparing `PRAGMA cache_size = 5` already
    /// applies it. Run on the text of every statement before any is prepared; the rest waits for `check`,
    /// so a typo still reads as SQLite's syntax error.
    public static func checkBeforePreparing(_ sql: String, index: Int) throws {
        let text = SQLText.withoutLeadingComments(sql)
        if SQLText.firstWord(text) == "PRAGMA" || refusedFunctions.contains(where: { text.lowercased().contains($0) }) {
            try checkText(text, index: index)
        }
    }

    /// The checks that need only the statement's text.
    static func checkText(_ sql: String, index: Int) throws {
        let text = SQLText.withoutLeadingComments(sql)
        let kind = SQLText.firstWord(text)
        func refuse(_ reason: String) -> ReadOnlySQLError {
            .refused(index: index, statement: SQLText.excerpt(text), reason: reason)
        }
        switch kind {
        case "SELECT", "VALUES", "WITH", "EXPLAIN":
            break
        case "PRAGMA":
            try checkPragma(text, refuse: refuse)
        case "":
            throw refuse("it is not a statement")
        default:
            throw refuse("\(kind) statements are not allowed")
        }
        let lowered = text.lowercased()
        if let function = refusedFunctions.first(where: { lowered.contains($0) }) { throw refuse("\(function) is not allowed") }
    }

    /// `PRAGMA [schema.]name`, `PRAGMA name(arg)` for reporting pragmas; never `PRAGMA name = value`
    /// or a value argument for a setting pragma.
    private static func checkPragma(_ text: String, refuse: (String) -> ReadOnlySQLError) throws {
        let body = text.dropFirst("PRAGMA".count).trimmingCharacters(in: .whitespacesAndNewlines)
        let nameEnd = body.firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }) ?? body.endIndex
        let qualified = body[..<nameEnd].lowercased()
        let name = String(qualified.split(separator: ".").last ?? "")
        let rest = body[nameEnd...].trimmingCharacters(in: .whitespacesAndNewlines)
        let hasArgument = !(rest.isEmpty || rest == ";")
        if reportingPragmas.contains(name) { return }
        if valuePragmas.contains(name) {
            if hasArgument { throw refuse("setting PRAGMA \(name) is not allowed") }
            return
        }
        throw refuse("PRAGMA \(name) is not on the read-only list")
    }
}
