import Analytics
import Foundation
import Hummingbird
import Store

/// `/genres[?genre=NAME]`, `/genres.csv?chart=NAME[&genre=NAME]`, `/api/genres`, `/api/genres/predict`,
/// `/api/genres/tracks?genre=NAME` and `/api/genres/mislabels`.
struct GenresController: Sendable {
    let services: WebServices

    func register(on router: Router<WebContext>) {
        router.get("/genres") { request, _ in
            let data = try await data()
            let sliders = try GenreSlider.from(request.queryDictionary)
            var answer: GenreAnswer?
            var note: String?
            var listsHTML: String?
            var status = HTTPResponse.Status.ok
            if data.run != nil {
                do { answer = try await predict(sliders) } catch { note = WebError.classify(error).1 }
                let genre = request.parameter("genre")
                do {
                    listsHTML = GenreListsPage.body(try await lists(genre))
                } catch let error where ErrorMessage.isUnknownGenre(error) {
                    let (code, message, _) = WebError.classify(error)
                    status = code
                    listsHTML = GenreListsPage.body(try await lists(nil),
                                                    problem: ErrorMessage.html(message, error: error) { "/genres?genre=" + HTML.query($0) })
                }
            }
            return Reply.html(PageLayout(title: "Genres", section: .genres).render(
                GenresPage.body(data, sliders: sliders, answer: answer, predictionNote: note, lists: listsHTML)), status: status)
        }
        router.get("/genres.csv") { request, _ in
            let lists = try await lists(request.parameter("genre"))
            return try ChartTable.download(GenresPage.tables(try await data()) + lists.tables, chart: request.parameter("chart"), page: "genres")
        }
        // The lists as JSON: up to `GenrePredictionLists.maximumTracks` tracks each, as the downloads.
        router.get("/api/genres/tracks") { request, _ in
            guard let genre = request.parameter("genre") else { throw WebError.badRequest("give a predicted genre as ?genre=NAME") }
            return try Reply.json(try await lists(genre).chosen)
        }
        router.get("/api/genres/mislabels") { _, _ in try Reply.json(try await lists(nil).mislabels) }
        router.get("/api/genres") { _, _ in try Reply.json(try await data()) }
        router.get("/api/genres/predict") { request, _ in try Reply.json(try await predict(try GenreSlider.from(request.queryDictionary))) }
    }

    func data() async throws -> GenreData { try await services.cached("genres", GenreData.load) }

    /// The written-back answers' lists, each kept until the data changes; `genre` is resolved among the predicted
    /// genres before it names a cache entry (an unknown one throws with its near misses).
    func lists(_ genre: String?) async throws -> GenreLists {
        let genres = try await services.cached("genre-counts") { try GenrePredictionLists.genres($0) }
        let mislabels = try await services.cached("genre-mislabels") { try GenrePredictionLists.likelyMislabels(in: $0) }
        guard let genre else { return GenreLists(genres: genres, chosen: nil, mislabels: mislabels) }
        let name = try GenrePredictionLists.genreName(genre, among: genres)
        let chosen = try await services.cached("genre-predicted:" + name) { try GenrePredictionLists.predicted(as: name, in: $0) }
        return GenreLists(genres: genres, chosen: chosen, mislabels: mislabels)
    }

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
