import ArgumentParser

/// The one check of a numeric option in `validate()`: a value outside its range (NaN included) is a usage error
/// (exit 64) that names the option and the range, before any arithmetic or allocation sees it.
enum OptionRange {
    static func check(_ value: Int?, _ range: ClosedRange<Int>, _ option: String) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(option) must be between \(Console.grouped(range.lowerBound)) and \(Console.grouped(range.upperBound)); got \(value)")
    }

    static func check(_ value: Int64?, _ range: ClosedRange<Int64>, _ option: String) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound); got \(value)")
    }

    static func check(_ value: Double?, _ range: ClosedRange<Double>, _ option: String, unit: String = "") throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(option) must be between \(plain(range.lowerBound)) and \(plain(range.upperBound))\(unit); got \(value)")
    }

    /// 0 and 1 rather than 0.0 and 1.0; 86,400 rather than 86400.0.
    private static func plain(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? Console.grouped(Int(value)) : String(value)
    }
}
