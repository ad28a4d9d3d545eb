/// A live genre prediction and the champion run that made it (`/api/genres/predict`, the form's answer).
struct GenreAnswer: Codable, Sendable {
    /// The run that answered: the audio-only champion for a track whose artist the models have not seen,
    /// the full champion where no audio-only one is trained.
    var runID: Int64
    /// "full" or "audio", as the Predictor reports it.
    var featureSet: String
    var algorithm: String
    /// That run's holdout accuracy.
    var accuracy: Double?
    var features: [String: Double]
    var predictions: [GenrePrediction]

    /// The answer panel's content; app.js renders the same from the JSON.
    var html: String {
        "<ol>" + predictions.map { "<li><b>\(HTML.escape($0.genre))</b> \(HTML.percent($0.probability))</li>" }.joined() + "</ol>"
            + "<p class=\"note\" id=\"genre-answered-by\">\(HTML.escape(answeredBy))</p>"
    }

    var answeredBy: String {
        "Answered by champion run \(runID) (\(featureSet) features, \(algorithm)"
            + (accuracy.map { ", holdout accuracy \(HTML.number($0, 3))" } ?? "") + ")"
    }
}
