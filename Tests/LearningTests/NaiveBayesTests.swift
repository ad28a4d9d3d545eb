import Testing
@testable import Learning

struct NaiveBayesTests {
    // Six documents over tokens 0...4 in three classes; the expected values are scikit-learn 1.x's
    // ComplementNB(alpha=1) on the same counts (predict_joint_log_proba and predict_proba).
    let documents: [[UInt64]] = [[0, 0, 1], [1, 2], [2, 3, 3], [3, 4], [0, 4, 4, 4], [1, 1, 2]]
    let labels = [0, 0, 1, 1, 2, 2]

    @Test func complementScoresMatchScikitLearn() throws {
        let model = try ComplementNaiveBayes(alpha: 1).fit(documents: documents, labels: labels, classCount: 3)
        let cases: [([UInt64], [Double], [Double])] = [
            ([0, 1], [3.874667218884, 2.670694414558, 3.218875824868], [0.549743199543, 0.164922959863, 0.285333840593]),
            ([3, 3, 4], [4.117613397495, 7.113345671049, 4.658414700507], [0.044019155904, 0.880383118076, 0.07559772602]),
            ([2], [1.734601055388, 1.734601055388, 1.609437912434], [0.34693877551, 0.34693877551, 0.30612244898]),
        ]
        for (document, scores, probabilities) in cases {
            for (ours, theirs) in zip(model.scores(document), scores) { #expect(abs(ours - theirs) < 1e-9) }
            let p = model.predictProbabilities([document])
            for c in 0..<3 { #expect(abs(p[0, c] - probabilities[c]) < 1e-9) }
        }
    }

    @Test func unknownTokensGiveUniformProbabilities() throws {
        let model = try ComplementNaiveBayes().fit(documents: documents, labels: labels, classCount: 3)
        let p = model.predictProbabilities([[99], []])
        for r in 0..<2 { for c in 0..<3 { #expect(abs(p[r, c] - 1.0 / 3) < 1e-12) } }
    }

    @Test func roundTripsAndRejectsCorruption() throws {
        let model = try ComplementNaiveBayes(alpha: 0.5).fit(documents: documents, labels: labels, classCount: 3)
        let blob = ModelCoder.encode(model)
        #expect(try ModelCoder.decode(ComplementNaiveBayesModel.self, from: blob) == model)
        #expect(throws: LearningError.self) { try ModelCoder.decode(ComplementNaiveBayesModel.self, from: Array(blob.dropLast(5))) }
    }

    @Test func rejectsLabelsOutsideTheClasses() {
        #expect(throws: LearningError.self) { try ComplementNaiveBayes().fit(documents: [[1]], labels: [3], classCount: 2) }
    }

    @Test func tokensSplitOnPunctuationInAnyScript() {
        #expect(TextTokens.words("Don't Stop (Remix) - 2013") == ["don", "t", "stop", "remix", "2013"])
        #expect(TextTokens.words("また逢う日まで; BTS") == ["また逢う日まで", "bts"])
        #expect(TextTokens.hash("abc") == TextTokens.hash("abc"))
        #expect(TextTokens.hash("abc") != TextTokens.hash("abd"))
    }
}
