import Foundation
import Learning

/// The bench workloads; each returns timing and quality numbers for the report.
struct Workloads {
    let data: BenchData
    let options: [String: String]

    func opt(_ k: String, _ d: Double) -> Double { options[k].flatMap(Double.init) ?? d }
    func opt(_ k: String, _ d: Int) -> Int { options[k].flatMap(Int.init) ?? d }

    func run(_ name: String) throws -> BenchResult {
        switch name {
        case "genre": return try genre()
        case "genre-rf": return try genreForest()
        case "genre-blend-weight": return try genreBlendWeightSearch()
        case "pop": return try popularity()
        case "kmeans": return try kmeans()
        case "knn": return try knn()
        case "shap": return try shap()
        default: throw LearningError.invalidArgument("unknown workload \(name)")
        }
    }

    func genreForest() throws -> BenchResult {
        let cols = data.meta.genreColumns
        let xtr = try data.matrix("genre_Xtr.f64", columns: cols), xte = try data.matrix("genre_Xte.f64", columns: cols)
        let ytr = try data.doubles("genre_ytr.f64"), yte = try data.doubles("genre_yte.f64")
        var rf = RandomForest(task: .classification(classCount: data.meta.classes.count))
        rf.treeCount = opt("trees", 200)
        rf.maxLeaves = opt("leaves", 1_000_000) // effectively unbounded, like scikit-learn
        rf.minRowsPerLeaf = opt("minrows", 1)
        rf.maxBins = opt("bins", 255)
        rf.seed = 7
        let t0 = now()
        let model = try rf.fit(xtr, targets: ytr)
        let pred = try model.predict(xte).map { Int($0) }
        let t1 = now()
        return BenchResult(workload: "genre-rf", seconds: t1 - t0, metricName: "accuracy",
                           metric: try ClassificationMetrics.accuracy(truth: yte.map { Int($0) }, predicted: pred),
                           figures: ["any_tag_accuracy": try anyTagAccuracy(pred)])
    }

    func anyTagAccuracy(_ predicted: [Int]) throws -> Double {
        let off = try data.ints("genre_anytag_off.i32"), codes = try data.ints("genre_anytag_codes.i32")
        var hits = 0
        for (r, p) in predicted.enumerated() where codes[off[r]..<off[r + 1]].contains(p) { hits += 1 }
        return Double(hits) / Double(predicted.count)
    }

    /// The genre GBT: few rounds at a high, capped learning rate, GOSS per class (picked on this data).
    func genreTrees(classCount k: Int) -> BoostedTrees {
        var cfg = BoostedTrees(objective: .softmax(classCount: k))
        cfg.rounds = opt("rounds", 60)
        cfg.learningRate = opt("lr", 0.2)
        cfg.maxLeaves = opt("leaves", 63)
        cfg.minRowsPerLeaf = opt("minrows", 5)
        cfg.maxDeltaStep = opt("mds", 1.0)
        cfg.gossTopRate = opt("goss", 0.2)
        cfg.gossOtherRate = opt("gossother", 0.1)
        cfg.rowSubsample = opt("subsample", 1.0)
        cfg.featureSubsample = opt("colsample", 1.0)
        cfg.l2 = opt("l2", 1.0)
        cfg.maxBins = opt("bins", 127)
        cfg.minHessianPerLeaf = opt("minhess", 1e-3)
        cfg.seed = 7
        return cfg
    }

    /// The genre forest blended with the GBT: fewer trees than the scikit-learn anchor's 200.
    func genreForestForBlend(classCount k: Int) -> RandomForest {
        var rf = RandomForest(task: .classification(classCount: k))
        rf.treeCount = opt("rftrees", 100)
        rf.maxLeaves = opt("rfleaves", 1_000_000)
        rf.minRowsPerLeaf = opt("rfminrows", 1)
        rf.maxBins = opt("rfbins", 63)
        if let m = options["rfmtry"].flatMap(Int.init) { rf.featuresPerSplit = m }
        rf.seed = 7
        return rf
    }

    /// `weight * GBT + (1 - weight) * forest`, row by row.
    func blend(_ gbt: ScoreMatrix, _ forest: ScoreMatrix, weight: Double) -> ScoreMatrix {
        var mix = gbt
        for i in mix.values.indices { mix.values[i] = weight * gbt.values[i] + (1 - weight) * forest.values[i] }
        return mix
    }

    /// Picks the blend weight without looking at the test rows: fits both models on the training tracks
    /// outside a quarter of them and scores each weight on that quarter.
    func genreBlendWeightSearch() throws -> BenchResult {
        let cols = data.meta.genreColumns
        let xtr = try data.matrix("genre_Xtr.f64", columns: cols)
        let ytr = try data.doubles("genre_ytr.f64"), track = try data.ints("genre_gtr.i32")
        let k = data.meta.classes.count
        // A multiplicative hash of the track number puts a quarter of the tracks (2 of 8 buckets) in validation.
        let isValidation = track.map { (UInt64($0) &* 0x9E37_79B9_7F4A_7C15) >> 61 < 2 }
        let fit = isValidation.indices.filter { !isValidation[$0] }, validation = isValidation.indices.filter { isValidation[$0] }
        let xfit = xtr.selectingRows(fit), xval = xtr.selectingRows(validation)
        let yfit = fit.map { ytr[$0] }, truth = validation.map { Int(ytr[$0]) }
        let gbt = try genreTrees(classCount: k).fit(xfit, targets: yfit).predictProbabilities(xval)
        let forestModel = try genreForestForBlend(classCount: k).fit(xfit, targets: yfit)
        let forest = try forestModel.predictProbabilities(xval)
        var result = BenchResult(workload: "genre-blend-weight",
                                 figures: ["fit_rows": Double(fit.count), "validation_rows": Double(validation.count),
                                           "forest_blob_mib": Double(ModelCoder.encode(forestModel).count) / 1_048_576])
        for step in 0...20 {
            let w = Double(step) / 20
            result.figures[String(format: "validation_accuracy_w%.2f", w)] =
                try ClassificationMetrics.accuracy(truth: truth, predicted: blend(gbt, forest, weight: w).argmaxPerRow())
        }
        return result
    }

    func genre() throws -> BenchResult {
        let cols = data.meta.genreColumns
        let xtr = try data.matrix("genre_Xtr.f64", columns: cols), xte = try data.matrix("genre_Xte.f64", columns: cols)
        let ytr = try data.doubles("genre_ytr.f64"), yte = try data.doubles("genre_yte.f64")
        let k = data.meta.classes.count
        let weight = opt("weight", 0.25) // chosen by genre-blend-weight on a validation quarter of the training tracks
        let t0 = now()
        let model = try genreTrees(classCount: k).fit(xtr, targets: ytr)
        let t1 = now()
        let forest = try genreForestForBlend(classCount: k).fit(xtr, targets: ytr)
        let t2 = now()
        let proba = try model.predictProbabilities(xte)
        let forestProba = try forest.predictProbabilities(xte)
        let pred = blend(proba, forestProba, weight: weight).argmaxPerRow()
        let t3 = now()
        let truth = yte.map { Int($0) }
        return BenchResult(
            workload: "genre-gbt", seconds: t3 - t0, metricName: "accuracy",
            metric: try ClassificationMetrics.accuracy(truth: truth, predicted: pred),
            figures: ["gbt_fit_seconds": t1 - t0, "forest_fit_seconds": t2 - t1,
                      "top5": try ClassificationMetrics.topKAccuracy(truth: truth, scores: blend(proba, forestProba, weight: weight), k: 5),
                      "any_tag_accuracy": try anyTagAccuracy(pred), "blend_weight": weight, "rounds": Double(model.roundCount),
                      "gbt_accuracy": try ClassificationMetrics.accuracy(truth: truth, predicted: proba.argmaxPerRow()),
                      "gbt_any_tag_accuracy": try anyTagAccuracy(proba.argmaxPerRow()),
                      "forest_accuracy": try ClassificationMetrics.accuracy(truth: truth, predicted: forestProba.argmaxPerRow())])
    }

    func tracks() throws -> FeatureMatrix {
        try data.matrix("tracks_X.f64", columns: data.meta.trackColumns)
    }

    func kmeans() throws -> BenchResult {
        let x = try tracks()
        var km = KMeans(clusterCount: opt("k", 20))
        km.restarts = opt("restarts", 4)
        km.seed = 7
        let c0 = cpuSeconds()
        let t0 = now()
        let model = try km.fit(x)
        let t1 = now()
        let c1 = cpuSeconds()
        let sil = try Silhouette.score(x, labels: model.labels, sampleSize: 2000, seed: 1)
        return BenchResult(workload: "kmeans", seconds: t1 - t0, metricName: "inertia", metric: model.inertia,
                           figures: ["cpu_seconds": c1 - c0, "iterations": Double(model.iterations), "silhouette_2000": sil])
    }

    func knn() throws -> BenchResult {
        let x = try tracks()
        let t0 = now()
        let index = try NearestNeighbours().fit(x)
        let table = try index.allNeighbours(k: 10)
        let t1 = now()
        let reps = 200
        let t2 = now()
        for i in 0..<reps { _ = try index.query(Array(x.row(i)), k: 10) }
        let t3 = now()
        var tenth = 0.0
        for r in 0..<x.rowCount { tenth += table.distances[r * 10 + 9] }
        return BenchResult(workload: "knn", seconds: t1 - t0, metricName: "mean 10th-NN distance",
                           metric: tenth / Double(x.rowCount), figures: ["one_query_ms": (t3 - t2) / Double(reps) * 1000])
    }

    func popularityData() throws -> (FeatureMatrix, [Double], FeatureMatrix, [Double]) {
        let cols = data.meta.popColumns
        let cat = Set(data.meta.popCategorical)
        return (try data.matrix("pop_Xtr.f64", columns: cols, categorical: cat), try data.doubles("pop_ytr.f64"),
                try data.matrix("pop_Xte.f64", columns: cols, categorical: cat), try data.doubles("pop_yte.f64"))
    }

    /// Defaults: the settings picked on this data (bigger trees, 63 numeric bins); shap uses the anchor's shape.
    func popularityConfig(shapShape: Bool = false) -> BoostedTrees {
        var cfg = BoostedTrees(objective: .squaredError)
        cfg.rounds = shapShape ? 500 : opt("rounds", 200)
        cfg.learningRate = shapShape ? 0.05 : opt("lr", 0.08)
        cfg.maxLeaves = shapShape ? 63 : opt("leaves", 255)
        cfg.minRowsPerLeaf = shapShape ? 20 : opt("minrows", 3)
        cfg.l2 = opt("l2", 1.0)
        cfg.rowSubsample = opt("subsample", 1.0)
        cfg.featureSubsample = opt("colsample", 1.0)
        cfg.categoricalL2 = opt("catl2", 10.0)
        cfg.categoricalSmoothing = opt("catsmooth", 10.0)
        cfg.maxBins = shapShape ? 255 : opt("bins", 63)
        cfg.minHessianPerLeaf = opt("minhess", 1e-3)
        cfg.seed = 7
        return cfg
    }

    func shap() throws -> BenchResult {
        let (xtr, ytr, xte, _) = try popularityData()
        let model = try popularityConfig(shapShape: true).fit(xtr, targets: ytr)
        let rows = xte.selectingRows(Array(0..<min(2000, xte.rowCount)))
        let c0 = cpuSeconds()
        let t0 = now()
        let (values, expected) = try TreeSHAP().explain(model, rows)
        let t1 = now()
        let c1 = cpuSeconds()
        let raw = try model.predictRaw(rows)
        var maxErr = 0.0
        for r in 0..<rows.rowCount { maxErr = max(maxErr, abs(values.row(r).reduce(expected, +) - raw[r, 0])) }
        let leaves = model.trees.reduce(0) { $0 + $1.leafCount }
        return BenchResult(workload: "shap", seconds: t1 - t0, metricName: "max additivity error", metric: maxErr,
                           figures: ["cpu_seconds": c1 - c0, "trees": Double(model.trees.count),
                                     "mean_leaves": Double(leaves) / Double(model.trees.count)])
    }

    func popularity() throws -> BenchResult {
        let (xtr, ytr, xte, yte) = try popularityData()
        let cfg = popularityConfig()
        let t0 = now()
        let model = try cfg.fit(xtr, targets: ytr)
        let t1 = now()
        let pred = try model.predict(xte)
        let t2 = now()
        return BenchResult(workload: "popularity-gbt", seconds: t2 - t0, metricName: "r2",
                           metric: try RegressionMetrics.r2(truth: yte, predicted: pred),
                           figures: ["fit_seconds": t1 - t0, "rmse": try RegressionMetrics.rootMeanSquaredError(truth: yte, predicted: pred),
                                     "model_fingerprint": fingerprint(ModelCoder.encode(model))])
    }

    /// FNV-1a of a model blob, cut to 52 bits so JSON carries it exactly: equal fingerprints, same trees.
    func fingerprint(_ blob: [UInt8]) -> Double {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in blob { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Double(h & (1 << 52 - 1))
    }
}
