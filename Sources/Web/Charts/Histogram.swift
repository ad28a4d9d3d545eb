/// Vertical bars over a numeric axis: counts per bin.
public struct Histogram: Sendable, Codable {
    public struct Bin: Sendable, Codable {
        public var low: Double
        public var high: Double
        public var count: Int
    }

    public var title: String
    public var bins: [Bin]
    public var xLabel: String
    public var width: Double = 320
    public var height: Double = 200
    /// Discrete bins (key, mode) are labelled by their value rather than on a continuous axis.
    public var discrete = false

    public init(title: String, bins: [Bin], xLabel: String, discrete: Bool = false) {
        self.title = title
        self.bins = bins
        self.xLabel = xLabel
        self.discrete = discrete
    }

    /// Equal-width bins over the values' range (NaN ignored).
    public static func bins(_ values: [Double], count: Int = 30) -> [Bin] {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return [] }
        if low == high { return [Bin(low: low, high: high, count: finite.count)] }
        let width = (high - low) / Double(count)
        var counts = [Int](repeating: 0, count: count)
        // A range too wide for a Double (width infinite) makes the bin NaN: the last bin, not a stopped process.
        for v in finite { counts[min(count - 1, Int(exactly: ((v - low) / width).rounded(.down)) ?? count - 1)] += 1 }
        return counts.enumerated().map { Bin(low: low + Double($0.offset) * width, high: low + Double($0.offset + 1) * width, count: $0.element) }
    }

    /// One bin per integer value between the smallest and largest seen.
    public static func integerBins(_ values: [Double]) -> [Bin] {
        let finite = values.filter(\.isFinite).map { Int($0.rounded()) }
        guard let low = finite.min(), let high = finite.max() else { return [] }
        var counts = [Int](repeating: 0, count: high - low + 1)
        for v in finite { counts[v - low] += 1 }
        return counts.enumerated().map { Bin(low: Double(low + $0.offset), high: Double(low + $0.offset), count: $0.element) }
    }

    public func render() -> String {
        let left = 46.0, right = 10.0, top = 24.0, bottom = 36.0
        var canvas = SVGCanvas(width: width, height: height, title: title)
        canvas.text(title, x: 4, y: 14, size: 12, weight: "600")
        guard !bins.isEmpty else {
            canvas.text("no values", x: width / 2, y: height / 2, anchor: .middle, fill: "#777")
            return canvas.render()
        }
        let maxCount = Double(bins.map(\.count).max() ?? 1)
        let y = LinearScale(domain: (0, max(1, maxCount)), range: (height - bottom, top))
        let plotWidth = width - left - right
        let slot = plotWidth / Double(bins.count)
        for tick in y.ticks(4) {
            canvas.line(x1: left, y1: y(tick), x2: width - right, y2: y(tick), stroke: "#eee")
            canvas.text(Ticks.label(tick), x: left - 4, y: y(tick) + 3, anchor: .end, size: 9, fill: "#555")
        }
        for (i, bin) in bins.enumerated() {
            let x = left + Double(i) * slot
            let range = discrete ? Ticks.label(bin.low) : "\(Ticks.label(bin.low)) – \(Ticks.label(bin.high))"
            canvas.rect(x: x + 0.5, y: y(Double(bin.count)), width: max(0.5, slot - 1), height: y(0) - y(Double(bin.count)),
                        fill: "#4a7fb5", title: "\(xLabel) \(range): \(HTML.count(bin.count)) tracks")
        }
        canvas.line(x1: left, y1: y(0), x2: width - right, y2: y(0), stroke: "#333")
        if discrete {
            let every = max(1, bins.count / 12)
            for (i, bin) in bins.enumerated() where i % every == 0 {
                canvas.text(Ticks.label(bin.low), x: left + (Double(i) + 0.5) * slot, y: height - bottom + 12, anchor: .middle, size: 9, fill: "#555")
            }
        } else {
            let x = LinearScale(domain: (bins.first!.low, bins.last!.high), range: (left, width - right))
            for tick in x.ticks(6) {
                canvas.line(x1: x(tick), y1: y(0), x2: x(tick), y2: y(0) + 3, stroke: "#333")
                canvas.text(Ticks.label(tick), x: x(tick), y: height - bottom + 12, anchor: .middle, size: 9, fill: "#555")
            }
        }
        canvas.text(xLabel, x: left + plotWidth / 2, y: height - 6, anchor: .middle, size: 10)
        return canvas.render()
    }
}
