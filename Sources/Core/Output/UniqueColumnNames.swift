/// Keys for JSON objects built from a result's columns, where a join can name two columns alike
/// (`SELECT t.name, al.name ...`): every column keeps a key of its own. A name used once keeps it; a repeated
/// name keeps it the first time and is `name_2`, `name_3`, ... after, each the first such suffix that no other
/// column's name or key already holds, so that an existing `name_2` column keeps its own key.
public enum UniqueColumnNames {
    public static func keys(for columns: [String]) -> [String] {
        var taken = Set(columns)
        var seen = Set<String>()
        var nextSuffix: [String: Int] = [:]
        return columns.map { name in
            guard !seen.contains(name) else {
                var suffix = nextSuffix[name, default: 2]
                while taken.contains("\(name)_\(suffix)") { suffix += 1 }
                nextSuffix[name] = suffix + 1
                let key = "\(name)_\(suffix)"
                taken.insert(key)
                return key
            }
            seen.insert(name)
            return name
        }
    }
}
