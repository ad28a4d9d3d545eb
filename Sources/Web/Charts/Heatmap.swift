/// A matrix of coloured cells with row and column labels, a colour legend and a title per cell.
public struct Heatmap: Sendable {
    public enum Scale: Sendable {
        /// 0 ... max, white to blue.
        case sequential(max: Double)
        /// -limit ... +limit, blue to red.
        case diverging(limit: Double)
    }

    public var title: String
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// Row-major, rowLabels.count x columnLabels.count.
    public var values: [[Double]]
    public var scale: Scale
    public var cellSize: Double = 36
    /// Prints the value in each cell (small matrices).
    public var showValues = true
    /// Leaves zero cells empty (sparse matrices such as a confusion matrix).
    public var skipZero = false
    public var rowAxis = ""
    public var columnAxis = ""
    public var decimals = 2
    /// Row and column labels longer than this are shortened (default: 18 for tiny cells, else 20).
    public var labelLimit: Int?
    /// Hover title of a cell; defaults to "row × column: value".
    public var cellTitle: (@Sendable (Int, Int, Double) -> String)?

    public init(title: String, rowLabels: [String], columnLabels: [String], values: [[Double]], scale: Scale) {
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.scale = scale
    }

    func color(_ value: Double) -> String {
        switch scale {
        case let .sequential(max): return Palette.sequential(max > 0 ? (value / max).squareRoot() : 0)
        case let .diverging(limit): return Palette.diverging(limit > 0 ? value / limit : 0)
        }
    }

    public func render() -> String {
        let fontSize = min(11, max(5, cellSize * 0.8))
        let labelLimit = self.labelLimit ?? (cellSize < 10 ? 18 : 20)
        // Row labels set the left margin, column labels the top one: long cluster names do not push the grid down.
        func margin(_ labels: [String], _ axis: String) -> Double {
            Double(labels.map { min(labelLimit, $0.count) }.max() ?? 4) * fontSize * 0.58 + 12 + (axis.isEmpty ? 0 : 14)
        }
        let top = 26 + margin(columnLabels, columnAxis), left = margin(rowLabels, rowAxis)
        let gridWidth = Double(columnLabels.count) * cellSize, gridHeight = Double(rowLabels.count) * cellSize
        let legendWidth = 70.0
        let width = left + gridWidth + legendWidth + 10, height = top + gridHeight + 16
        var canvas = SVGCanvas(width: width, height: height, title: title)
        canvas.text(title, x: 4, y: 16, size: 13, weight: "600")
        canvas.rect(x: left, y: top, width: gridWidth, height: gridHeight, fill: "#fafafa")
        for (r, label) in rowLabels.enumerated() {
            canvas.text(BarChart.shortened(label, labelLimit), x: left - 4, y: top + (Double(r) + 0.5) * cellSize + fontSize * 0.35,
                        anchor: .end, size: fontSize, title: label)
        }
        for (c, label) in columnLabels.enumerated() {
            let x = left + (Double(c) + 0.5) * cellSize + fontSize * 0.35
            canvas.text(BarChart.shortened(label, labelLimit), x: x, y: top - 4, anchor: .start, size: fontSize, rotate: -90, title: label)
        }
        if !rowAxis.isEmpty { canvas.text(rowAxis, x: 10, y: top + gridHeight / 2, anchor: .middle, size: 11, rotate: -90, weight: "600") }
        if !columnAxis.isEmpty { canvas.text(columnAxis, x: left + gridWidth / 2, y: 34, anchor: .middle, size: 11, weight: "600") }
        for (r, row) in values.enumerated() {
            for (c, value) in row.enumerated() {
                if skipZero, value == 0 { continue }
                let x = left + Double(c) * cellSize, y = top + Double(r) * cellSize
                let tip = cellTitle?(r, c, value) ?? "\(rowLabels[r]) × \(columnLabels[c]): \(HTML.number(value, decimals))"
                canvas.rect(x: x, y: y, width: cellSize, height: cellSize, fill: color(value), title: tip)
                if showValues, cellSize >= 24 {
                    let dark: Bool
                    switch scale {
                    case let .sequential(max): dark = max > 0 && value / max > 0.45
                    case let .diverging(limit): dark = limit > 0 && abs(value) / limit > 0.6
                    }
                    canvas.text(HTML.number(value, decimals), x: x + cellSize / 2, y: y + cellSize / 2 + 3.5, anchor: .middle,
                                size: min(10, cellSize / 3.4), fill: dark ? "#fff" : "#222")
                }
            }
        }
        // Colour legend.
        let lx = left + gridWidth + 16, steps = 10
        let legendHeight = min(160, max(60, gridHeight))
        let (low, high): (Double, Double)
        switch scale {
        case let .sequential(max): (low, high) = (0, max)
        case let .diverging(limit): (low, high) = (-limit, limit)
        }
        for i in 0..<steps {
            let t = Double(i) / Double(steps - 1)
            let value = high - t * (high - low)
            canvas.rect(x: lx, y: top + Double(i) * legendHeight / Double(steps), width: 14, height: legendHeight / Double(steps) + 0.5,
                        fill: color(value))
        }
        canvas.text(Ticks.label((high * 100).rounded() / 100), x: lx + 18, y: top + 8, size: 9)
        canvas.text(Ticks.label((low * 100).rounded() / 100), x: lx + 18, y: top + legendHeight, size: 9)
        return canvas.render()
    }
}
