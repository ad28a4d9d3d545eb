/// A feature's shape across groups in one line of block characters, lowest value ▁, highest █.
public enum Sparkline {
    static let levels = Array("▁▂▃▄▅▆▇█")

    public static func render(_ values: [Double]) -> String {
        guard let low = values.min(), let high = values.max() else { return "" }
        guard high > low else { return String(repeating: levels[levels.count / 2], count: values.count) }
        return String(values.map { value in
            // NaN, or a range too wide for a Double, has no level: a blank, not a stopped process.
            Int(exactly: ((value - low) / (high - low) * Double(levels.count - 1)).rounded()).map { levels[$0] } ?? " "
        })
    }
}
