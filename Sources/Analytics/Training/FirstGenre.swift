/// A track's first genre, the popularity model's genre column: the least of its tag names in byte order, over every
/// vocabulary. `v_track_first_genre` is this rule in SQL (training reads it there); a dump not loaded yet has no
/// rows in the warehouse, so `predict` applies it here, and a test holds the two to the same answers.
public enum FirstGenre {
    public static func of(_ tags: [String]) -> String? {
        tags.min { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
