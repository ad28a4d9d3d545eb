/// How jarring it is to go from one track to the next. Units are chosen so one unit is a small but
/// audible change: 10 BPM of tempo, 0.1 of energy, one step on the Camelot wheel.
public struct TransitionCost: Sendable {
    public var bpmPerUnit = 10.0
    public var energyPerUnit = 0.1
    /// Charged in wheel steps when either key is unknown: an average, neither rewarded nor punished hard.
    public var unknownKeySteps = 3.0

    public init() {}

    public func cost(from a: PlaylistTrack, to b: PlaylistTrack) -> Double {
        let tempo = abs(a.value(.tempo) - b.value(.tempo)) / bpmPerUnit
        let energy = abs(a.value(.energy) - b.value(.energy)) / energyPerUnit
        let harmonic = a.camelot.flatMap { from in b.camelot.map { Double(from.distance(to: $0)) } } ?? unknownKeySteps
        return tempo + energy + harmonic
    }

    /// The cost of playing `tracks` in this order.
    public func total(_ tracks: [PlaylistTrack]) -> Double {
        zip(tracks, tracks.dropFirst()).reduce(0) { $0 + cost(from: $1.0, to: $1.1) }
    }

    /// Greedy nearest-neighbour walk from `tracks[start]`: always play next the remaining track that is
    /// cheapest to move to (earlier in `tracks` on a tie, so the result is deterministic).
    public func smoothOrder(_ tracks: [PlaylistTrack], startingAt start: Int = 0) -> [PlaylistTrack] {
        guard tracks.indices.contains(start) else { return tracks }
        var remaining = tracks
        var ordered = [remaining.remove(at: start)]
        while !remaining.isEmpty {
            let current = ordered[ordered.count - 1]
            var best = 0
            var bestCost = Double.infinity
            for (index, candidate) in remaining.enumerated() {
                let value = cost(from: current, to: candidate)
                if value < bestCost { best = index; bestCost = value }
            }
            ordered.append(remaining.remove(at: best))
        }
        return ordered
    }
}
