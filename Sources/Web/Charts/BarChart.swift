/// Horizontal bars, one per label; negative values extend left of zero.
public struct BarChart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var title: String?
        public var color: String?
        public init(label: String, value: Double, title: String? = nil, color: String? = nil) {
            self.label = label; self.value = value; self.title = title; self.color = color
        }
    }

    public var title: String
    public var bars: [Bar]
    public var width: Double = 640
    public var barHeight: Double = 16
    public var valueLabel: String = ""
    public var decimals = 3
    /// Labels longer than this many characters are shortened (the full label is the hover title).
    public var labelLimit = 28

    public init(title: String, bars: [Bar], valueLabel: String = "") {
        self.title = title
        self.bars = bars
        self.valueLabel = valueLabel
    }

    static func shortened(_ label: String, _ limit: Int = 28) -> String {
        label.count > limit ? String(label.prefix(limit - 1)) + "…" : label
    }

    /// Large values without decimals, so the label stays short.
    static func valueText(_ value: Double, _ decimals: Int) -> String {
        abs(value) >= 1000 ? Int(exactly: value.rounded()).map(HTML.count) ?? HTML.number(value, decimals) : HTML.number(value, decimals)
    }

    public func render() -> String {
        let labelWidth = min(Double(labelLimit) * 6.8, max(60, Double(bars.map { Self.shortened($0.label, labelLimit).count }.max() ?? 4) * 6.2 + 10))
        let top = 28.0, bottom = 34.0, right = 64.0
        let height = top + bottom + Double(max(1, bars.count)) * barHeight
        var canvas = SVGCanvas(width: width, height: height, title: title)
        canvas.text(title, x: 4, y: 16, size: 13, weight: "600")
        let values = bars.map(\.value).filter(\.isFinite)
        let low = min(0, values.min() ?? 0), high = max(0, values.max() ?? 1)
        let x = LinearScale(domain: (low, high == low ? low + 1 : high), range: (labelWidth, width - right))
        let plotBottom = top + Double(bars.count) * barHeight
        for tick in x.ticks(5) {
            canvas.line(x1: x(tick), y1: top, x2: x(tick), y2: plotBottom, stroke: "#e4e4e4")
            canvas.text(Ticks.label(tick), x: x(tick), y: plotBottom + 14, anchor: .middle, size: 10, fill: "#555")
        }
        if !valueLabel.isEmpty { canvas.text(valueLabel, x: (labelWidth + width - right) / 2, y: plotBottom + 28, anchor: .middle, size: 11) }
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * barHeight
            let value = bar.value.isFinite ? bar.value : 0
            let x0 = x(min(0, value)), x1 = x(max(0, value))
            let color = bar.color ?? (value < 0 ? "#2166ac" : "#4a7fb5")
            canvas.rect(x: x0, y: y + 2, width: max(0.5, x1 - x0), height: barHeight - 4, fill: color,
                        title: bar.title ?? "\(bar.label): \(HTML.number(bar.value, decimals))")
            canvas.text(Self.shortened(bar.label, labelLimit), x: labelWidth - 6, y: y + barHeight - 4.5, anchor: .end, size: 10.5, title: bar.label)
            canvas.text(Self.valueText(bar.value, decimals), x: x1 + 4, y: y + barHeight - 4.5, size: 9.5, fill: "#444")
        }
        canvas.line(x1: x(0), y1: top, x2: x(0), y2: plotBottom, stroke: "#333")
        return canvas.render()
    }
}
