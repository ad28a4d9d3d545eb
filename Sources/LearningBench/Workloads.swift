import Foundation
import Learning

/// The bench workloads; each returns timing and quality numbers for the report.
struct Workloads {
    let data: BenchData
    let options: [String: String]

    func opt(_ k: String, _ d: Double) -> Double { options[k].flatMap(Double.init) ?? d }
    func opt(_ k: String, _ d: Int) -> Int { options[k].flatMap(Int.init) ?? d }

    func run(_ name: String) throws -> [String: Any] {
        switch name {
        case "genre": return try genre()
        case "pop": return try popularity()
        default: throw LearningError.invalidArgument("unknown workload \(name)")
        }
    }

    func anyTagAccuracy(_ predicted: [Int]) throws -> Double {
        let off = try data.ints("genre_anytag_off.i32"), codes = try data.ints("genre_anytag_codes.i32")
        var hits = 0
        for (r, p) in predicted.enumerated() where codes[off[r]..<off[r + 1]].contains(p) { hits += 1 }
        return Double(hits) / Double(predicted.count)
    }

    func genre() throws -> [String: Any] {
        let cols = data.strings("genre_columns")
        let xtr = try data.matrix("genre_Xtr.f64", columns: cols), xte = try data.matrix("genre_Xte.f64", columns: cols)
        let ytr = try data.doubles("genre_ytr.f64"), yte = try data.doubles("genre_yte.f64")
        let k = data.strings("classes").count
        var cfg = BoostedTrees(objective: .softmax(classCount: k))
        cfg.rounds = opt("rounds", 100)
        cfg.learningRate = opt("lr", 0.1)
        cfg.maxLeaves = opt("leaves", 15)
        cfg.minRowsPerLeaf = opt("minrows", 20)
        cfg.rowSubsample = opt("subsample", 1.0)
        cfg.featureSubsample = opt("colsample", 1.0)
        cfg.l2 = opt("l2", 1.0)
        cfg.maxBins = opt("bins", 255)
        if let m = options["mds"].flatMap(Double.init) { cfg.maxDeltaStep = m }
        cfg.seed = 7
        let t0 = now()
        let model = try cfg.fit(xtr, targets: ytr)
        let t1 = now()
        let proba = try model.predictProbabilities(xte)
        let pred = proba.argmaxPerRow()
        let t2 = now()
        let truth = yte.map { Int($0) }
        let acc = try ClassificationMetrics.accuracy(truth: truth, predicted: pred)
        let top5 = try ClassificationMetrics.topKAccuracy(truth: truth, scores: proba, k: 5)
        return ["workload": "genre-gbt", "seconds": t2 - t0, "fit_seconds": t1 - t0, "metric_name": "accuracy",
                "metric": acc, "top5": top5, "any_tag_accuracy": try anyTagAccuracy(pred), "rounds": model.roundCount]
    }

    func popularity() throws -> [String: Any] {
        let cols = data.strings("pop_columns")
        let cat = Set((data.meta["pop_categorical"] as! [Int]))
        let xtr = try data.matrix("pop_Xtr.f64", columns: cols, categorical: cat)
        let xte = try data.matrix("pop_Xte.f64", columns: cols, categorical: cat)
        let ytr = try data.doubles("pop_ytr.f64"), yte = try data.doubles("pop_yte.f64")
        var cfg = BoostedTrees(objective: .squaredError)
        cfg.rounds = opt("rounds", 500)
        cfg.learningRate = opt("lr", 0.05)
        cfg.maxLeaves = opt("leaves", 63)
        cfg.minRowsPerLeaf = opt("minrows", 20)
        cfg.l2 = opt("l2", 1.0)
        cfg.rowSubsample = opt("subsample", 1.0)
        cfg.featureSubsample = opt("colsample", 1.0)
        cfg.seed = 7
        let t0 = now()
        let model = try cfg.fit(xtr, targets: ytr)
        let t1 = now()
        let pred = try model.predict(xte)
        let t2 = now()
        return ["workload": "popularity-gbt", "seconds": t2 - t0, "fit_seconds": t1 - t0, "metric_name": "r2",
                "metric": try RegressionMetrics.r2(truth: yte, predicted: pred),
                "rmse": try RegressionMetrics.rootMeanSquaredError(truth: yte, predicted: pred)]
    }
}
