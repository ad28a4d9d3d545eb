import Analytics
import Hummingbird
import Store

/// The filters of `jukebox recommend` that the Recommend page offers: how many results, only one genre, a popularity
/// range. Read from the query (`count`, `genre`, `min_popularity`, `max_popularity`) and checked as the command checks
/// its options; they fill Analytics' own request types, so the page and the command ask the same question.
struct RecommendControls: Sendable {
    /// The page lists at most this many results (the command has no such cap; a page is one document in memory).
    static let maxCount = 100

    /// As typed, so the form shows them again.
    var count: String?
    var genre: String?
    var minPopularity: String?
    var maxPopularity: String?

    init(count: String? = nil, genre: String? = nil, minPopularity: String? = nil, maxPopularity: String? = nil) {
        self.count = count; self.genre = genre; self.minPopularity = minPopularity; self.maxPopularity = maxPopularity
    }

    init(_ request: Request) {
        self.init(count: request.parameter("count"), genre: request.parameter("genre"),
                  minPopularity: request.parameter("min_popularity"), maxPopularity: request.parameter("max_popularity"))
    }

    /// The count and filters, the genre spelled as the warehouse spells it (an unknown one names near misses);
    /// a bad value is a bad request naming every problem.
    func resolved(_ reader: WarehouseReader) throws -> (count: Int, filters: RecommendationFilters) {
        var problems: [String] = []
        var wanted = 10
        if let count {
            if let n = Int(count), (1...Self.maxCount).contains(n) { wanted = n } else {
                problems.append("count must be a whole number from 1 to \(Self.maxCount) (got '\(count)')")
            }
        }
        let range = RecommendationFilters.popularityRange
        func whole(_ text: String?, _ name: String) -> Int? {
            guard let text else { return nil }
            guard let n = Int(text) else {
                problems.append("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got '\(text)')")
                return nil
            }
            return n
        }
        var filters = RecommendationFilters()
        let low = whole(minPopularity, "min_popularity"), high = whole(maxPopularity, "max_popularity")
        // The rule is Analytics' (the command checks its options by it too); the words are the form's.
        for problem in RecommendationFilters.popularityProblems(min: low, max: high) {
            switch problem {
            case let .outOfRange(minimum, _):
                let (name, text) = minimum ? ("min_popularity", minPopularity ?? "") : ("max_popularity", maxPopularity ?? "")
                problems.append("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound) (got '\(text)')")
            case let .inverted(low, high):
                problems.append("min_popularity (\(low)) must not exceed max_popularity (\(high))")
            }
        }
        (filters.minPopularity, filters.maxPopularity) = (low, high)
        guard problems.isEmpty else { throw WebError.badRequest(problems.joined(separator: "; ")) }
        filters.genre = try genre.map { try NameLookup.genre($0, in: reader) }
        return (wanted, filters)
    }

    /// The values given, as query parameters for links that keep them.
    var query: [(name: String, value: String)] {
        [("count", count), ("genre", genre), ("min_popularity", minPopularity), ("max_popularity", maxPopularity)]
            .compactMap { name, value in value.map { (name, $0) } }
    }

    /// The same controls with another genre (a near miss followed).
    func with(genre: String) -> RecommendControls {
        var copy = self
        copy.genre = genre
        return copy
    }

    /// The inputs, ids prefixed so that two forms on one page can each carry them.
    func fields(prefix: String) -> String {
        func input(_ name: String, _ label: String, _ value: String?, _ attributes: String) -> String {
            "<div><label for=\"\(prefix)\(name)\">\(label)</label><input id=\"\(prefix)\(name)\" name=\"\(name)\" \(attributes) "
                + "value=\"\(HTML.escape(value ?? ""))\"></div>"
        }
        return input("count", "results", count ?? "10", "type=\"number\" min=\"1\" max=\"\(Self.maxCount)\" size=\"4\"")
            + input("genre", "only genre", genre, "type=\"text\" size=\"16\" list=\"genre-names\"")
            + input("min_popularity", "popularity from", minPopularity, "type=\"number\" min=\"0\" max=\"100\" size=\"4\"")
            + input("max_popularity", "to", maxPopularity, "type=\"number\" min=\"0\" max=\"100\" size=\"4\"")
    }
}
