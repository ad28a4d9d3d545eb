import Foundation

public enum Ticks {
    public static func nice(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite, high > low, count > 0 else { return [low] }
        let rawStep = (high - low) / Double(count)
        let magnitude = pow10(floor(log10(rawStep)))
        let residual = rawStep / magnitude
        let step = (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude
        var ticks: [Double] = []
        var value = (low / step).rounded(.up) * step
        while value <= high + step * 1e-9, ticks.count < 50 {
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return ticks
    }

    /// A tick label without trailing noise.
    public static func label(_ value: Double) -> String {
        // Int(exactly:) is nil past Int's range and for infinities, where Int(_:) would stop the process.
        if abs(value) >= 10_000, let whole = Int(exactly: value.rounded()) { return HTML.count(whole) }
        if let whole = Int(exactly: value) { return String(whole) }
        if abs(value) >= 1e15 || !value.isFinite { return String(value) }   // 1e+300, inf: not 300 digits
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    private static func pow10(_ x: Double) -> Double { Double.pow10(x) }
}

extension Double {
    static func pow10(_ x: Double) -> Double {
        var result = 1.0
        let n = Int(x)
        if n >= 0 { for _ in 0..<n { result *= 10 } } else { for _ in 0..<(-n) { result /= 10 } }
        return result
    }
}
