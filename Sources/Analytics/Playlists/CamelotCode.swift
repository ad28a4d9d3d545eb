/// A key on the Camelot wheel DJs mix by: 12 numbers round the circle of fifths, A for minor and B
/// for major. Neighbours on the wheel (same number other letter, or ±1 same letter) mix cleanly.
public struct CamelotCode: Sendable, Hashable, CustomStringConvertible {
    /// 1...12
    public var number: Int
    public var isMajor: Bool

    public init(number: Int, isMajor: Bool) {
        self.number = number
        self.isMajor = isMajor
    }

    /// Spotify's pitch class (0 = C ... 11 = B) and mode (1 major, 0 minor); nil when the key is
    /// unknown (-1) or out of range.
    public init?(key: Int, mode: Int) {
        guard (0...11).contains(key), mode == 0 || mode == 1 else { return nil }
        // C major is 8B and each step up a fifth (+7 semitones) is one step round the wheel; a minor
        // key shares its number with its relative major, three semitones up.
        let major = mode == 1 ? key : (key + 3) % 12
        self.init(number: (major * 7 % 12 + 7) % 12 + 1, isMajor: mode == 1)
    }

    public var description: String { "\(number)\(isMajor ? "B" : "A")" }

    /// Steps round the wheel plus one for switching between minor and major.
    public func distance(to other: CamelotCode) -> Int {
        let steps = abs(number - other.number)
        return min(steps, 12 - steps) + (isMajor == other.isMajor ? 0 : 1)
    }

    /// Same code, relative major/minor, or one step round the wheel in the same mode.
    public func isCompatible(with other: CamelotCode) -> Bool {
        distance(to: other) <= 1
    }
}
