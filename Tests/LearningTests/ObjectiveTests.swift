import Testing
import Foundation
@testable import Learning

@Suite struct ObjectiveTests {
    /// Central differences of the total loss give the gradient; of the gradient, the diagonal hessian.
    func checkFiniteDifferences(_ obj: any BoostingObjective, scores: [Double], targets: [Double]) {
        let n = targets.count
        let (g, h) = obj.gradients(scores: scores, targets: targets)
        let eps = 1e-5
        for i in 0..<scores.count {
            var up = scores, down = scores
            up[i] += eps; down[i] -= eps
            let numericG = (obj.loss(scores: up, targets: targets) - obj.loss(scores: down, targets: targets)) * Double(n) / (2 * eps)
            #expect(abs(numericG - g[i]) < 1e-6, "gradient \(i): \(numericG) vs \(g[i])")
            let numericH = (obj.gradients(scores: up, targets: targets).grad[i]
                - obj.gradients(scores: down, targets: targets).grad[i]) / (2 * eps)
            #expect(abs(numericH - h[i]) < 1e-6, "hessian \(i): \(numericH) vs \(h[i])")
        }
    }

    @Test func squaredErrorGradients() throws {
        let obj = SquaredErrorObjective()
        let (g, h) = obj.gradients(scores: [1, 2, 5], targets: [0, 2, 3])
        #expect(g == [1, 0, 2])
        #expect(h == [1, 1, 1])
        #expect(abs(obj.loss(scores: [1, 2, 5], targets: [0, 2, 3]) - 5.0 / 6.0) < 1e-12)
        checkFiniteDifferences(obj, scores: [1, 2, 5], targets: [0, 2, 3])
        #expect(try obj.initialScores(targets: [1, 2, 6]) == [3])
    }

    @Test func logisticGradientsMatchFiniteDifferences() throws {
        checkFiniteDifferences(LogisticObjective(), scores: [-2, 0.3, 1.5, 0], targets: [0, 1, 0, 1])
        let prior = try LogisticObjective().initialScores(targets: [1, 1, 1, 0])
        #expect(abs(prior[0] - log(3.5 / 1.5)) < 1e-12)
    }

    @Test func softmaxGradientsMatchFiniteDifferences() throws {
        // 3 rows x 3 classes, class-major scores.
        let scores: [Double] = [0.2, -1, 0.5, 1.0, 0.3, -0.2, -0.5, 0.8, 0.1]
        checkFiniteDifferences(SoftmaxObjective(classCount: 3), scores: scores, targets: [0, 2, 1])
        let prior = try SoftmaxObjective(classCount: 3).initialScores(targets: [0, 0, 0, 1])
        // Smoothed frequencies 3.5, 1.5, 0.5 (of 5.5), centred logs.
        let logs = [3.5, 1.5, 0.5].map { log($0 / 5.5) }
        let mean = logs.reduce(0, +) / 3
        for k in 0..<3 { #expect(abs(prior[k] - (logs[k] - mean)) < 1e-12) }
    }
}
