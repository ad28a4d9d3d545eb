import Testing
@testable import Learning

@Suite struct PersistenceTests {
    func boosted() throws -> (BoostedTreesModel, FeatureMatrix) {
        // Include a categorical column and missing values so every node kind is encoded.
        var rng = SeededGenerator(seed: 4)
        var v = [Double](), y = [Double]()
        for i in 0..<200 {
            let a = i % 7 == 0 ? Double.nan : rng.nextUnit(), c = Double(rng.nextInt(5))
            v += [a, c]
            y.append(Double((a.isNaN ? 0 : (a > 0.5 ? 1 : 0)) + (c == 2 || c == 4 ? 1 : 0)))
        }
        let x = try FeatureMatrix(rowCount: 200, columnCount: 2, values: v, columnNames: ["a", "genre"], categoricalColumns: [1])
        var cfg = BoostedTrees(objective: .softmax(classCount: 3))
        cfg.rounds = 4; cfg.maxLeaves = 5; cfg.minRowsPerLeaf = 3
        return (try cfg.fit(x, targets: y), x)
    }

    @Test func boostedTreesRoundTripPredictsIdentically() throws {
        let (model, x) = try boosted()
        #expect(model.trees.contains { !$0.categorySets.isEmpty })
        let blob = ModelCoder.encode(model)
        let back = try ModelCoder.decode(BoostedTreesModel.self, from: blob)
        #expect(back == model)
        #expect(try back.predictRaw(x) == model.predictRaw(x))
    }

    @Test func truncatedBlobThrows() throws {
        let blob = ModelCoder.encode(try boosted().0)
        for cut in [0, 3, 10, blob.count / 2, blob.count - 1] {
            #expect(throws: LearningError.self) { try ModelCoder.decode(BoostedTreesModel.self, from: Array(blob.prefix(cut))) }
        }
        do {
            _ = try ModelCoder.decode(BoostedTreesModel.self, from: Array(blob.prefix(blob.count - 1)))
        } catch let e as LearningError {
            guard case .truncatedModel = e else { Issue.record("expected truncatedModel, got \(e)"); return }
            #expect(e.description.contains("truncated"))
        }
    }

    @Test func corruptedBlobFailsChecksum() throws {
        var blob = ModelCoder.encode(try boosted().0)
        blob[blob.count / 2] ^= 0x40
        #expect(throws: LearningError.checksumMismatch) { try ModelCoder.decode(BoostedTreesModel.self, from: blob) }
        var bad = blob
        bad[0] = UInt8(ascii: "X")
        #expect(throws: LearningError.badMagic) { try ModelCoder.decode(BoostedTreesModel.self, from: bad) }
    }

    @Test func newerFormatVersionIsRejected() throws {
        var blob = ModelCoder.encode(try boosted().0)
        blob[4] = 2 // format version lives right after the magic, little-endian
        #expect(throws: LearningError.unsupportedFormatVersion(found: 2, supported: 1)) {
            try ModelCoder.decode(BoostedTreesModel.self, from: blob)
        }
        #expect(LearningError.unsupportedFormatVersion(found: 2, supported: 1).description.contains("upgrade"))
    }

    @Test func otherModelsRoundTrip() throws {
        let (x, _) = TestData.classification(rows: 120, classes: 3, seed: 5)
        let km = try KMeans(clusterCount: 3).fit(x)
        let kmBack = try ModelCoder.decode(KMeansModel.self, from: ModelCoder.encode(km))
        #expect(kmBack == km)
        #expect(try kmBack.predict(x) == km.predict(x))


        // A blob of one kind cannot be loaded as another.
        #expect(throws: LearningError.wrongModelKind(expected: "boosted-trees", found: "kmeans")) {
            try ModelCoder.decode(BoostedTreesModel.self, from: ModelCoder.encode(km))
        }
    }
}
