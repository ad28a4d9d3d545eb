import Analytics
import Foundation
import Hummingbird
import Store

/// `/genres`, `/genres.csv?chart=NAME`, `/api/genres` and `/api/genres/predict`.
struct GenresController: Sendable {
    let services: WebServices

    func register(on router: Router<WebContext>) {
        router.get("/genres") { request, _ in
            let data = try await data()
            let sliders = try GenreSlider.from(request.queryDictionary)
            var answer: GenreAnswer?
            var note: String?
            if data.run != nil {
                do { answer = try await predict(sliders) } catch { note = WebError.classify(error).1 }
            }
            return Reply.html(PageLayout(title: "Genres", section: .genres).render(
                GenresPage.body(data, sliders: sliders, answer: answer, predictionNote: note)))
        }
        router.get("/genres.csv") { request, _ in
            try ChartTable.download(GenresPage.tables(try await data()), chart: request.parameter("chart"), page: "genres")
        }
        router.get("/api/genres") { _, _ in try Reply.json(try await data()) }
        router.get("/api/genres/predict") { request, _ in try Reply.json(try await predict(try GenreSlider.from(request.queryDictionary))) }
    }

    func data() async throws -> GenreData { try await services.cached("genres", GenreData.load) }

    func predict(_ sliders: [GenreSlider]) async throws -> GenreAnswer {
        let cache = services.predictors
        var features: [String: Double] = [:]
        for slider in sliders { features[slider.feature] = slider.value }
        // A track known only by its sliders has no known artist: the audio-only champion answers (the full one
        // where no audio-only champion exists). Name the run the Predictor actually used.
        return try await services.withReader { [features] reader -> GenreAnswer in
            let unavailable = WebError.unavailable("no genre model has been trained yet; run `jukebox train genre`")
            guard try RunInfo.champion(reader, task: .genre) != nil else { throw unavailable }
            let answer = try cache.predictor(reader).predict([Predictor.record(features: features)])[0]
            guard let featureSet = answer.genreModel.flatMap(FeatureSet.init(rawValue:)),
                  let run = try RunInfo.champion(reader, task: .genre, featureSet: featureSet) else { throw unavailable }
            return GenreAnswer(runID: run.runID, featureSet: run.featureSet, algorithm: run.algorithm, accuracy: run.numericMetrics["accuracy"],
                               features: features,
                               predictions: answer.genres.map { GenrePrediction(genre: $0.genre, probability: $0.probability) })
        }
    }
}
