/// Cohen's d: the difference of two means in units of their pooled standard deviation.
public enum EffectSize {
    /// (mean a − mean b) / pooled SD, pooled SD = √(((na − 1)·sa² + (nb − 1)·sb²) / (na + nb − 2)).
    /// nil when there are too few values or no spread to measure against.
    public static func cohensD(_ a: Summary, _ b: Summary) -> Double? {
        let degrees = a.count + b.count - 2
        guard degrees > 0 else { return nil }
        let pooledVariance = (Double(a.count - 1) * a.standardDeviation * a.standardDeviation
            + Double(b.count - 1) * b.standardDeviation * b.standardDeviation) / Double(degrees)
        guard pooledVariance > 0 else { return nil }
        return (a.mean - b.mean) / pooledVariance.squareRoot()
    }

    /// Cohen's conventional label for |d|: negligible below 0.2, small below 0.5, medium below 0.8, else large;
    /// "" when there is no d.
    public static func label(_ d: Double?) -> String {
        guard let d else { return "" }
        switch abs(d) {
        case ..<0.2: return "negligible"
        case ..<0.5: return "small"
        case ..<0.8: return "medium"
        default: return "large"
        }
    }
}
