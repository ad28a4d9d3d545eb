/// Points on two numeric axes, coloured by group, each with a hover title.
public struct ScatterPlot: Sendable {
    public struct Point: Sendable {
        public var x: Double
        public var y: Double
        public var group: Int
        public var title: String?
        public init(x: Double, y: Double, group: Int = 0, title: String? = nil) {
            self.x = x; self.y = y; self.group = group; self.title = title
        }
    }

    public var title: String
    public var points: [Point]
    public var xLabel: String
    public var yLabel: String
    /// Legend entries by group index; empty for a single group.
    public var groupNames: [String] = []
    /// Legend entries per row, and how many characters of a name they show (the full name is the hover title).
    public var legendColumns = 10
    public var legendLabelLimit = 12
    /// Draws y = x (predicted against actual).
    public var diagonal = false
    public var width: Double = 640
    public var height: Double = 440
    public var radius: Double = 2.5

    public init(title: String, points: [Point], xLabel: String, yLabel: String) {
        self.title = title
        self.points = points
        self.xLabel = xLabel
        self.yLabel = yLabel
    }

    public func render() -> String {
        let legendColumns = groupNames.isEmpty ? 0 : min(self.legendColumns, groupNames.count)
        let legendRows = legendColumns == 0 ? 0 : (groupNames.count + legendColumns - 1) / legendColumns
        let left = 56.0, right = 16.0, top = 30.0, bottom = 44.0
        let legendHeight = Double(legendRows) * 16 + (legendRows > 0 ? 6 : 0)
        var canvas = SVGCanvas(width: width, height: height + legendHeight, title: title)
        canvas.text(title, x: 4, y: 16, size: 13, weight: "600")
        let xs = points.map(\.x).filter(\.isFinite), ys = points.map(\.y).filter(\.isFinite)
        var xDomain = (xs.min() ?? 0, xs.max() ?? 1), yDomain = (ys.min() ?? 0, ys.max() ?? 1)
        if diagonal {
            let low = min(xDomain.0, yDomain.0), high = max(xDomain.1, yDomain.1)
            xDomain = (low, high); yDomain = (low, high)
        }
        let x = LinearScale(domain: xDomain, range: (left, width - right))
        let y = LinearScale(domain: yDomain, range: (height - bottom, top))
        for tick in x.ticks(6) {
            canvas.line(x1: x(tick), y1: top, x2: x(tick), y2: height - bottom, stroke: "#eee")
            canvas.text(Ticks.label(tick), x: x(tick), y: height - bottom + 14, anchor: .middle, size: 10, fill: "#555")
        }
        for tick in y.ticks(5) {
            canvas.line(x1: left, y1: y(tick), x2: width - right, y2: y(tick), stroke: "#eee")
            canvas.text(Ticks.label(tick), x: left - 5, y: y(tick) + 3, anchor: .end, size: 10, fill: "#555")
        }
        canvas.line(x1: left, y1: height - bottom, x2: width - right, y2: height - bottom, stroke: "#333")
        canvas.line(x1: left, y1: top, x2: left, y2: height - bottom, stroke: "#333")
        if diagonal {
            let low = max(x.domainLow, y.domainLow), high = min(x.domainHigh, y.domainHigh)
            canvas.line(x1: x(low), y1: y(low), x2: x(high), y2: y(high), stroke: "#c33", width: 1.2, dashed: true)
        }
        canvas.text(xLabel, x: (left + width - right) / 2, y: height - 8, anchor: .middle, size: 11)
        canvas.text(yLabel, x: 14, y: (top + height - bottom) / 2, anchor: .middle, size: 11, rotate: -90)
        for point in points where point.x.isFinite && point.y.isFinite {
            canvas.circle(cx: x(point.x), cy: y(point.y), r: radius, fill: Palette.category(point.group), title: point.title, opacity: 0.6)
        }
        if legendColumns > 0 {
            let columnWidth = (width - left) / Double(legendColumns)
            for (i, name) in groupNames.enumerated() {
                let lx = left + Double(i % legendColumns) * columnWidth, ly = height + Double(i / legendColumns) * 16
                canvas.rect(x: lx, y: ly + 2, width: 10, height: 10, fill: Palette.category(i))
                canvas.text(BarChart.shortened(name, legendLabelLimit), x: lx + 14, y: ly + 11, size: 10, title: name)
            }
        }
        return canvas.render()
    }
}
