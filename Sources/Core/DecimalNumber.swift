/// A plain decimal number: an optional sign, digits with an optional decimal point, an optional exponent
/// (`-6.7`, `+16`, `.5`, `1.01e-06`). Swift's own parsing also takes `0x10`, `0x1p3`, `inf` and `nan`: neither a
/// dump's nor a web form's are numbers. The ingest's readers and the web app's forms read numbers here.
public enum DecimalNumber {
    /// The number `raw` writes, or nil when it is not a plain decimal number.
    public static func parse(_ raw: String) -> Double? {
        var text = raw
        let scanned = text.utf8.withContiguousStorageIfAvailable(scanDecimal) ?? {
            text.makeContiguousUTF8()
            return text.utf8.withContiguousStorageIfAvailable(scanDecimal) ?? .invalid
        }()
        switch scanned {
        case .invalid: return nil
        case let .exact(value): return value
        case .needsLibrary:
            guard let value = Double(raw), value.isFinite else { return nil }
            return value
        }
    }

    private enum ScannedDecimal { case invalid, exact(Double), needsLibrary }

    /// Checks the shape of a decimal number on its bytes and, when its digits fit in 2^53 and its power of ten in
    /// 10^±22, computes it as digits times or over that power: both are exact doubles, so the one rounding of the
    /// multiplication or division gives the correctly rounded value, the same double the library would return
    /// (Clinger's fast path). Other numbers are left to the library. Most of a dump's numbers take the fast path.
    private static func scanDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> ScannedDecimal {
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { negative = bytes[i] == UInt8(ascii: "-"); i += 1 }
        var digits: UInt64 = 0, significant = 0, whole = 0, fraction = 0
        while i < n, bytes[i] &- 0x30 < 10 {
            if digits != 0 || bytes[i] != 0x30 { significant += 1 }
            if significant <= 19 { digits = digits &* 10 &+ UInt64(bytes[i] &- 0x30) }
            whole += 1; i += 1
        }
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, bytes[i] &- 0x30 < 10 {
                if digits != 0 || bytes[i] != 0x30 { significant += 1 }
                if significant <= 19 { digits = digits &* 10 &+ UInt64(bytes[i] &- 0x30) }
                fraction += 1; i += 1
            }
        }
        guard whole + fraction > 0 else { return .invalid }
        var exponent = 0, exponentDigits = 0
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var negativeExponent = false
            if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { negativeExponent = bytes[i] == UInt8(ascii: "-"); i += 1 }
            while i < n, bytes[i] &- 0x30 < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] &- 0x30) }
                exponentDigits += 1; i += 1
            }
            guard exponentDigits > 0 else { return .invalid }
            if negativeExponent { exponent = -exponent }
        }
        guard i == n else { return .invalid }
        let power = exponent - fraction
        guard significant <= 19, digits < 1 << 53, (-22...22).contains(power) else { return .needsLibrary }
        let value = power < 0 ? Double(digits) / powersOfTen[-power] : Double(digits) * powersOfTen[power]
        return .exact(negative ? -value : value)
    }

    /// 10^0 ... 10^22: every one an exact double.
    private static let powersOfTen: [Double] = (0...22).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }
}
