import Core
import Foundation

/// One input of the genre form: a feature the genre model reads, its range and starting value; a feature with
/// named values (mode, explicit) is a choice between them rather than a slider.
struct GenreSlider: Codable, Sendable {
    struct Choice: Codable, Sendable {
        var value: Double
        var label: String
    }

    var feature: String
    var low: Double
    var high: Double
    var step: Double
    var value: Double
    var choices: [Choice]? = nil

    static let defaults: [GenreSlider] = [
        .init(feature: "danceability", low: 0, high: 1, step: 0.01, value: 0.57),
        .init(feature: "energy", low: 0, high: 1, step: 0.01, value: 0.64),
        .init(feature: "key", low: 0, high: 11, step: 1, value: 5),
        .init(feature: "loudness", low: -50, high: 5, step: 0.5, value: -8),
        .init(feature: "mode", low: 0, high: 1, step: 1, value: 1, choices: [.init(value: 1, label: "major"), .init(value: 0, label: "minor")]),
        .init(feature: "speechiness", low: 0, high: 1, step: 0.01, value: 0.08),
        .init(feature: "acousticness", low: 0, high: 1, step: 0.01, value: 0.31),
        .init(feature: "instrumentalness", low: 0, high: 1, step: 0.01, value: 0.16),
        .init(feature: "liveness", low: 0, high: 1, step: 0.01, value: 0.21),
        .init(feature: "valence", low: 0, high: 1, step: 0.01, value: 0.47),
        .init(feature: "tempo", low: 40, high: 220, step: 1, value: 122),
        .init(feature: "duration_ms", low: 30_000, high: 600_000, step: 1000, value: 228_000),
        .init(feature: "time_signature", low: 0, high: 7, step: 1, value: 4),
        .init(feature: "explicit", low: 0, high: 1, step: 1, value: 0, choices: [.init(value: 0, label: "clean"), .init(value: 1, label: "explicit")]),
        .init(feature: "popularity", low: 0, high: 100, step: 1, value: 33),
    ]

    /// Key, mode, time signature and the explicit flag take whole numbers only.
    var isWhole: Bool { AudioFeature(rawValue: feature)?.isInteger ?? (feature == "explicit") }

    /// The defaults with values taken from query parameters where given. A value that is not a plain decimal number
    /// (`0x1p3` and `inf` are not), a fraction where a whole number belongs, or a value outside the slider's range is
    /// a bad request naming every such parameter, not silently replaced, rounded or clamped.
    static func from(_ parameters: [String: String]) throws -> [GenreSlider] {
        var problems: [String] = []
        let sliders = defaults.map { slider in
            var slider = slider
            if let text = parameters[slider.feature]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                let range = "from \(HTML.attributeNumber(slider.low)) to \(HTML.attributeNumber(slider.high))"
                let shown = text.prefix(40)
                if let value = DecimalNumber.parse(text) {
                    if slider.isWhole, value.rounded() != value {
                        problems.append("\(slider.feature) must be a whole number \(range) (got \(shown))")
                    } else if value >= slider.low, value <= slider.high {
                        slider.value = value
                    } else {
                        problems.append("\(slider.feature) must be \(range) (got \(shown))")
                    }
                } else {
                    problems.append("\(slider.feature) must be a number \(range) (got '\(shown)')")
                }
            }
            return slider
        }
        guard problems.isEmpty else { throw WebError.badRequest(problems.joined(separator: "; ")) }
        return sliders
    }

    var label: String { Ticks.label(value) }
}
