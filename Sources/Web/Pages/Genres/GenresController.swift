import Analytics
import Foundation
import GRDB
import Hummingbird

/// `/genres`, `/api/genres` and `/api/genres/predict`.
struct GenresController: Sendable {
    let services: WebServices

    struct PredictionReply: Codable, Sendable {
        var runID: Int64
        var features: [String: Double]
        var predictions: [GenrePrediction]
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/genres") { request, _ in
            let data = try await data()
            let sliders = GenreSlider.from(request.queryDictionary)
            var predictions: [GenrePrediction]?
            var note: String?
            if data.run != nil {
                do { predictions = try await predict(sliders).predictions } catch { note = WebError.classify(error).1 }
            }
            return Reply.html(PageLayout(title: "Genres", section: .genres).render(
                GenresPage.body(data, sliders: sliders, predictions: predictions, predictionNote: note)))
        }
        router.get("/api/genres") { _, _ in try Reply.json(try await data()) }
        router.get("/api/genres/predict") { request, _ in try Reply.json(try await predict(GenreSlider.from(request.queryDictionary))) }
    }

    func data() async throws -> GenreData { try await services.cached("genres", GenreData.load) }

    func predict(_ sliders: [GenreSlider]) async throws -> PredictionReply {
        let cache = services.predictors
        var features: [String: Double] = [:]
        for slider in sliders { features[slider.feature] = slider.value }
        // A track known only by its sliders has no known artist: the audio-only champion answers.
        return try await services.read { [features] db -> PredictionReply in
            guard let run = try RunInfo.champion(db, task: "genre") else { throw WebError.unavailable("no genre model has been trained yet; run `jukebox train genre`") }
            let answer = try cache.predictor(db).predict([Predictor.record(features: features)])[0]
            return PredictionReply(runID: run.runID, features: features,
                                   predictions: answer.genres.map { GenrePrediction(genre: $0.genre, probability: $0.probability) })
        }
    }
}
