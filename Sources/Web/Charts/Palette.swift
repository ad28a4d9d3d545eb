/// Colours for charts: a categorical palette and sequential/diverging ramps.
public enum Palette {
    /// Twenty colours a reader tells apart (a cluster map has up to 20 groups): the ten of Tableau 10, then ten picked
    /// one at a time as the farthest (CIEDE2000) from all before them among mid-light colours, so no two share a hue.
    public static let categorical = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
        "#005544", "#665500", "#1100ee", "#990066", "#444466", "#aa8844", "#ee8888", "#8899ff", "#99aa88", "#226600",
    ]

    public static func category(_ index: Int) -> String { categorical[((index % categorical.count) + categorical.count) % categorical.count] }

    /// White to dark blue for t in 0...1.
    public static func sequential(_ t: Double) -> String {
        let t = t.isFinite ? min(1, max(0, t)) : 0
        return mix((247, 251, 255), (8, 48, 107), t)
    }

    /// Blue (-1) through white (0) to red (+1).
    public static func diverging(_ t: Double) -> String {
        let t = t.isFinite ? min(1, max(-1, t)) : 0
        return t < 0 ? mix((255, 255, 255), (33, 102, 172), -t) : mix((255, 255, 255), (178, 24, 43), t)
    }

    static func mix(_ a: (Double, Double, Double), _ b: (Double, Double, Double), _ t: Double) -> String {
        func channel(_ x: Double, _ y: Double) -> String {
            let v = Int((x + (y - x) * t).rounded())
            let hex = String(v, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }
        return "#" + channel(a.0, b.0) + channel(a.1, b.1) + channel(a.2, b.2)
    }
}
