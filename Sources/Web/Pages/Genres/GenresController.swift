import Foundation
import GRDB
import Hummingbird

/// `/genres`, `/api/genres` and `/api/genres/predict`.
struct GenresController: Sendable {
    let services: WebServices

    struct PredictionReply: Codable, Sendable {
        var runID: Int64
        var features: [String: Double]
        var predictions: [GenrePredictor.Prediction]
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/genres") { request, _ in
            let data = try await data()
            let sliders = GenreSlider.from(request.queryDictionary)
            var predictions: [GenrePredictor.Prediction]?
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
        let models = services.genreModels
        let (runID, model) = try await services.read { db -> (Int64, GenrePredictor?) in
            guard let run = try RunInfo.champion(db, task: "genre") else { throw WebError.unavailable("no genre model has been trained yet; run `jukebox train genre`") }
            let model = try models.model(runID: run.runID) {
                try (Data.fetchOne(db, sql: "SELECT model_blob FROM model_runs WHERE run_id = ?", arguments: [run.runID])).map { [UInt8]($0) }
            }
            return (run.runID, model)
        }
        guard let model else { throw WebError.unavailable("the genre champion has no stored model") }
        var features: [String: Double] = [:]
        for slider in sliders { features[slider.feature] = slider.value }
        return PredictionReply(runID: runID, features: features, predictions: try model.predict(features))
    }
}
