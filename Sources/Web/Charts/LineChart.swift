/// Lines over ordered categories (years, decades, snapshots, genres), with an optional band per series.
public struct LineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var values: [Double?]
        /// Lower and upper edge of a band (for example the quartiles), same length as `values`.
        public var band: [(Double, Double)?]?
        public init(name: String, values: [Double?], band: [(Double, Double)?]? = nil) {
            self.name = name; self.values = values; self.band = band
        }
    }

    public var title: String
    public var categories: [String]
    public var series: [Series]
    public var yLabel: String
    public var width: Double = 640
    public var height: Double = 280

    public init(title: String, categories: [String], series: [Series], yLabel: String) {
        self.title = title
        self.categories = categories
        self.series = series
        self.yLabel = yLabel
    }

    public func render() -> String {
        let rotated = categories.count > 12 || (categories.map(\.count).max() ?? 0) > 8
        let left = 56.0, right = 16.0, top = 30.0
        let bottom = rotated ? 96.0 : 44.0
        let legendHeight = series.count > 1 ? 18.0 : 0
        var canvas = SVGCanvas(width: width, height: height + legendHeight, title: title)
        canvas.text(title, x: 4, y: 16, size: 13, weight: "600")
        var all: [Double] = []
        for s in series {
            all += s.values.compactMap { $0 }.filter(\.isFinite)
            for band in s.band ?? [] { if let band { all += [band.0, band.1] } }
        }
        guard let low = all.min(), let high = all.max(), !categories.isEmpty else {
            canvas.text("no values", x: width / 2, y: height / 2, anchor: .middle, fill: "#777")
            return canvas.render()
        }
        let pad = (high - low) * 0.05
        let y = LinearScale(domain: (low - pad, high + pad), range: (height - bottom, top))
        let slot = (width - left - right) / Double(categories.count)
        func x(_ i: Int) -> Double { left + (Double(i) + 0.5) * slot }
        for tick in y.ticks(5) {
            canvas.line(x1: left, y1: y(tick), x2: width - right, y2: y(tick), stroke: "#eee")
            canvas.text(Ticks.label(tick), x: left - 5, y: y(tick) + 3, anchor: .end, size: 10, fill: "#555")
        }
        canvas.line(x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, stroke: "#333")
        canvas.line(x1: left, y1: top, x2: left, y2: height - bottom, stroke: "#333")
        let every = max(1, Int((Double(categories.count) / (rotated ? 40 : 12)).rounded(.up)))
        for (i, category) in categories.enumerated() where i % every == 0 {
            if rotated {
                canvas.text(BarChart.shortened(category, 16), x: x(i) + 3, y: height - bottom + 10, anchor: .end, size: 9, rotate: -60,
                            fill: "#444", title: category)
            } else {
                canvas.text(category, x: x(i), y: height - bottom + 14, anchor: .middle, size: 10, fill: "#444")
            }
        }
        canvas.text(yLabel, x: 12, y: (top + height - bottom) / 2, anchor: .middle, size: 10, rotate: -90)
        for (index, s) in series.enumerated() {
            let color = Palette.category(index)
            if let band = s.band {
                // One polygon per unbroken run of values.
                var upper: [(Double, Double)] = [], lower: [(Double, Double)] = []
                func flush() {
                    if upper.count > 1 { canvas.polygon(upper + lower.reversed(), fill: color, opacity: 0.15) }
                    upper = []; lower = []
                }
                for (i, edge) in band.enumerated() {
                    if let edge { upper.append((x(i), y(edge.1))); lower.append((x(i), y(edge.0))) } else { flush() }
                }
                flush()
            }
            var run: [(Double, Double)] = []
            for (i, value) in s.values.enumerated() {
                if let value, value.isFinite { run.append((x(i), y(value))) } else {
                    canvas.polyline(run, stroke: color, title: s.name); run = []
                }
            }
            canvas.polyline(run, stroke: color, title: s.name)
            for (i, value) in s.values.enumerated() {
                guard let value, value.isFinite else { continue }
                var tip = "\(s.name), \(categories[i]): \(HTML.number(value, 3))"
                if let edge = s.band?[i] { tip += " (quartiles \(HTML.number(edge.0, 3)) – \(HTML.number(edge.1, 3)))" }
                canvas.circle(cx: x(i), cy: y(value), r: 3, fill: color, title: tip, opacity: 1)
            }
        }
        if series.count > 1 {
            var lx = left
            for (index, s) in series.enumerated() {
                canvas.rect(x: lx, y: height + 4, width: 10, height: 10, fill: Palette.category(index))
                canvas.text(s.name, x: lx + 14, y: height + 13, size: 10)
                lx += 24 + Double(s.name.count) * 6
            }
        }
        return canvas.render()
    }
}
