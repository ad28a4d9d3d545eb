import Foundation

/// Accumulates SVG elements; every text and title goes through `HTML.escape`.
public struct SVGCanvas: Sendable {
    public var width: Double
    public var height: Double
    public var title: String
    private var body = ""

    public init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
        body.reserveCapacity(4096)
    }

    /// Coordinates with at most one decimal keep the markup small.
    static func n(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (x * 10).rounded() / 10
        return Int(exactly: r).map(String.init) ?? String(r)
    }

    private static func titleElement(_ title: String?) -> String {
        guard let title, !title.isEmpty else { return "" }
        return "<title>" + HTML.escape(title) + "</title>"
    }

    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, title: String? = nil,
                              cssClass: String? = nil) {
        let cls = cssClass.map { " class=\"\($0)\"" } ?? ""
        let attributes = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" height=\"\(Self.n(max(0, height)))\" fill=\"\(fill)\"\(cls)"
        if let title, !title.isEmpty {
            body += "<rect \(attributes)>\(Self.titleElement(title))</rect>"
        } else {
            body += "<rect \(attributes)/>"
        }
    }

    public mutating func circle(cx: Double, cy: Double, r: Double, fill: String, title: String? = nil, opacity: Double = 0.75) {
        let attributes = "cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill)\" fill-opacity=\"\(opacity)\""
        if let title, !title.isEmpty {
            body += "<circle \(attributes)>\(Self.titleElement(title))</circle>"
        } else {
            body += "<circle \(attributes)/>"
        }
    }

    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String = "#888", width: Double = 1,
                              dashed: Bool = false) {
        body += "<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
            + (dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>"
    }

    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, title: String? = nil) {
        guard !points.isEmpty else { return }
        let list = points.map { Self.n($0.0) + "," + Self.n($0.1) }.joined(separator: " ")
        body += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\">"
            + Self.titleElement(title) + "</polyline>"
    }

    public mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 0.2) {
        guard !points.isEmpty else { return }
        let list = points.map { Self.n($0.0) + "," + Self.n($0.1) }.joined(separator: " ")
        body += "<polygon points=\"\(list)\" fill=\"\(fill)\" fill-opacity=\"\(opacity)\" stroke=\"none\"/>"
    }

    public enum Anchor: String, Sendable { case start, middle, end }

    public mutating func text(_ text: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 11,
                              rotate: Double? = nil, weight: String? = nil, fill: String = "#222", title: String? = nil) {
        var attributes = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\""
        if let rotate { attributes += " transform=\"rotate(\(Self.n(rotate)) \(Self.n(x)) \(Self.n(y)))\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        body += "<text \(attributes)>" + Self.titleElement(title) + HTML.escape(text) + "</text>"
    }

    /// Appends markup built by another chart helper (already escaped).
    mutating func raw(_ markup: String) { body += markup }

    public func render() -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" "
            + "width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\" "
            + "font-family=\"system-ui, sans-serif\"><title>\(HTML.escape(title))</title>" + body + "</svg>"
    }
}
