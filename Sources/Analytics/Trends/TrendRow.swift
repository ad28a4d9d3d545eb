/// One group's summary of one feature.
public struct TrendRow: Sendable, Equatable {
    public var group: String
    public var feature: TrackFeature
    public var summary: Summary
}

/// Two groups contrasted on one feature (`jukebox trends --compare A B`).
public struct TrendComparison: Sendable, Equatable {
    public var feature: TrackFeature
    public var a: Summary
    public var b: Summary
    /// mean a − mean b
    public var difference: Double { a.mean - b.mean }
    public var cohensD: Double? { EffectSize.cohensD(a, b) }
    /// `cohensD` in words (`EffectSize.label`).
    public var effect: String { EffectSize.label(cohensD) }
}
