import Core
import GRDB
import Ingest
@_spi(WarehouseSQL) import Store

/// A dump scored with the champions without loading it (`jukebox predict`): read as `ingest` reads it, answered by
/// `Predictor` (the path of the written-back answers, coverage, `explain` and the web), with the tags of vocabularies
/// the champion did not learn beside each answer (`GenreTagEvidence`).
public struct FilePrediction: Sendable {
    public struct Row: Sendable {
        public var answer: Predictor.Answer
        public var evidence: GenreTagEvidence
    }

    public var file: String
    public var rows: [Row]
    /// Rows the ingest would reject, left out of `rows`.
    public var rejects: [(lineNumber: Int, reason: String)]

    /// Every file's answers, and the tasks (genre, popularity) without a champion, whose columns stay empty.
    public static func score(_ files: [String], in reader: WarehouseReader) throws -> (files: [FilePrediction], untrained: [TrainingTask]) {
        let contents = try files.map { try DumpReader.read(path: $0) }
        let db = reader.db
        let trained = Set(try ModelRuns.champions(db).map(\.task))
        let predictor = try Predictor(db, for: contents.flatMap(\.tracks))
        let scored = try zip(files, contents).map { file, content in
            let answers = try predictor.predict(content.tracks)
            let evidence = try GenreTagEvidence.read(content.tracks, vocabulary: content.genreVocabulary, in: db)
            return FilePrediction(file: file, rows: zip(answers, evidence).map { Row(answer: $0, evidence: $1) }, rejects: content.rejects)
        }
        return (scored, [TrainingTask.genre, .popularity].filter { !trained.contains($0) })
    }
}
