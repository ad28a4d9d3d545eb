import Foundation
@testable import Learning

/// Small synthetic data sets shared by the tests.
enum TestData {
    /// Two informative features and one noise feature; y = 3*x0 - 2*x1 + noise.
    static func regression(rows: Int, seed: UInt64) -> (FeatureMatrix, [Double]) {
        var rng = SeededGenerator(seed: seed)
        var v = [Double](), y = [Double]()
        for _ in 0..<rows {
            let a = rng.nextUnit() * 2 - 1, b = rng.nextUnit() * 2 - 1, c = rng.nextUnit()
            v += [a, b, c]
            y.append(3 * a - 2 * b + 0.05 * (rng.nextUnit() - 0.5))
        }
        return (try! FeatureMatrix(rowCount: rows, columnCount: 3, values: v, columnNames: ["a", "b", "noise"]), y)
    }

    /// Class = quadrant of (x0, x1) among `classes` sectors; x2 is noise.
    static func classification(rows: Int, classes: Int, seed: UInt64) -> (FeatureMatrix, [Double]) {
        var rng = SeededGenerator(seed: seed)
        var v = [Double](), y = [Double]()
        for _ in 0..<rows {
            let a = rng.nextUnit() * 2 - 1, b = rng.nextUnit() * 2 - 1
            v += [a, b, rng.nextUnit()]
            let angle = atan2(b, a) + Double.pi
            y.append(Double(min(classes - 1, Int(angle / (2 * Double.pi) * Double(classes)))))
        }
        return (try! FeatureMatrix(rowCount: rows, columnCount: 3, values: v, columnNames: ["a", "b", "noise"]), y)
    }
}
